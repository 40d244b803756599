package org.tipline.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The office's public keyset in memory, the only key material the intake side ever holds.
 * {@code keys/} decides where it comes from: intake loads it from
 * {@code TIPLINE_OFFICE_PUBLIC_KEYSET}, the review side derives it from the unlocked office
 * keyset (it seals investigator notes), and the all-in-one default uses the demo key pair.
 */
public class OfficePublicKey {

    private final KeysetHandle keyset;
    private final HybridEncrypt encrypt;
    private final long primaryKeyId;
    private final OfficeKem primaryKem;
    private final List<Long> keyIds;
    private final String keysetJson;
    private final Counter seals;

    public OfficePublicKey(KeysetHandle keyset, MeterRegistry registry) throws GeneralSecurityException {
        CryptoProviders.install();
        this.keyset = keyset;
        this.encrypt = keyset.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
        this.keysetJson = KeysetFiles.publicJson(keyset);
        this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
        this.primaryKem = OfficeKem.of(keyset.getPrimary().getKey().getParameters());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        this.keyIds = List.copyOf(ids);
        this.seals = Counter.builder("tipline.office-key.seals")
                .description("HPKE encryptions to the office public key: two for each new tip")
                .register(registry);
    }

    /**
     * The public keyset in this file, for a command-line tool that seals to the office key
     * outside the service (its seals are counted nowhere).
     */
    public static OfficePublicKey read(Path file) throws KeyLoadingException {
        try {
            return new OfficePublicKey(KeysetFiles.readPublic(file), new SimpleMeterRegistry());
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("the office public keyset " + file + " cannot encrypt here ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Encrypts to the primary office key with a fresh HPKE encapsulation, bound to {@code contextInfo}. */
    public SealedBytes seal(byte[] plaintext, byte[] contextInfo) {
        seals.increment();
        try {
            return new SealedBytes(encrypt.encrypt(plaintext, contextInfo), primaryKeyId);
        } catch (GeneralSecurityException e) {
            // Only a broken keyset gets here; the message names no input.
            throw new IllegalStateException("encryption to the office key failed", e);
        }
    }

    /** The Tink id of the key new ciphertexts are encrypted to. */
    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** The KEM of the primary key, or null when it is not one tipline creates. */
    public OfficeKem primaryKem() {
        return primaryKem;
    }

    public List<Long> keyIds() {
        return keyIds;
    }

    /** Each key's id and KEM, the primary marked, for the start line: {@code 1234 (xwing, primary)}. */
    public List<String> describeKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            OfficeKem kem = OfficeKem.of(entry.getKey().getParameters());
            keys.add(Integer.toUnsignedLong(entry.getId()) + " (" + (kem == null ? "other" : kem.label())
                    + (entry.isPrimary() ? ", primary" : "") + ")");
        }
        return keys;
    }

    /** The keyset in Tink JSON, public material only. */
    public String keysetJson() {
        return keysetJson;
    }

    /** A ciphertext and the id of the office key it was sealed to. */
    public record SealedBytes(byte[] ciphertext, long keyId) {
    }
}
