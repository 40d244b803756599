package org.tipline.keys;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.tipline.crypto.Bindings;

/** Shared helpers: cheap Argon2id settings, passphrases, sealing as intake does. */
public final class KeysTesting {

    /** 1 MiB, one pass: fast enough for a test suite, far too cheap for an office. */
    public static final Argon2idParameters CHEAP = new Argon2idParameters(1_024, 1, 1);
    public static final String PASSPHRASE = "correct horse battery staple";
    public static final Clock NOV_25 = Clock.fixed(Instant.parse("2026-11-25T10:15:00Z"), ZoneOffset.UTC);
    public static final Clock DEC_02 = Clock.fixed(Instant.parse("2026-12-02T23:59:00Z"), ZoneOffset.UTC);

    private KeysTesting() {
    }

    public static Passphrase passphrase() {
        return passphrase(PASSPHRASE);
    }

    public static Passphrase passphrase(String text) {
        return Passphrase.wrap(text.toCharArray());
    }

    /** A sealed tip, as intake makes it: HPKE to the primary public key, bound to the tip id. */
    public record Sealed(UUID tipId, byte[] plaintext, byte[] ciphertext) {

        /** The Tink key id in the 5-byte output prefix: byte 0 is 1, bytes 1..4 the big-endian id. */
        long keyId() {
            if (ciphertext[0] != 1) {
                throw new AssertionError("not a Tink-prefixed ciphertext");
            }
            return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
        }
    }

    public static Sealed seal(KeysetHandle publicKeyset, String text) throws GeneralSecurityException {
        UUID tipId = UUID.randomUUID();
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        HybridEncrypt encrypt = publicKeyset.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
        byte[] ciphertext = encrypt.encrypt(plaintext, Bindings.tip(tipId, Bindings.TIP_FORMAT_VERSION));
        return new Sealed(tipId, plaintext, ciphertext);
    }
}
