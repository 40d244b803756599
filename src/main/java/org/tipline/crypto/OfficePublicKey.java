package org.tipline.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.tipline.config.ServiceRole;
import org.tipline.config.TiplineConfig;

/**
 * The office's public keyset, the only key material the intake side ever holds.
 *
 * <p>Intake loads it from {@code TIPLINE_OFFICE_PUBLIC_KEYSET}; a keyset holding private
 * material stops the start. The review side derives it from the unlocked office keyset
 * (it seals investigator notes). The all-in-one default without configuration uses the
 * demo key pair.
 */
@Startup
@ApplicationScoped
public class OfficePublicKey {

    private final KeysetHandle keyset;
    private final HybridEncrypt encrypt;
    private final long primaryKeyId;
    private final List<Long> keyIds;
    private final String keysetJson;
    private final Counter seals;

    public OfficePublicKey(TiplineConfig config, Instance<OfficePrivateKey> privateKey, MeterRegistry registry) {
        CryptoProviders.install();
        try {
            this.keyset = load(config, privateKey);
            this.encrypt = keyset.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
            this.keysetJson = KeysetFiles.publicJson(keyset);
        } catch (KeyLoadingException e) {
            throw new IllegalStateException("tipline cannot start: " + e.getMessage(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tipline cannot start: the office public keyset cannot encrypt ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        this.keyIds = List.copyOf(ids);
        this.seals = Counter.builder("tipline.office-key.seals")
                .description("HPKE encryptions to the office public key: two for each new tip")
                .register(registry);
    }

    private static KeysetHandle load(TiplineConfig config, Instance<OfficePrivateKey> privateKey)
            throws KeyLoadingException, GeneralSecurityException {
        ServiceRole role = config.role();
        if (role == ServiceRole.INTAKE) {
            if (config.officePublicKeyset().isEmpty()) {
                throw new KeyLoadingException("the intake role needs TIPLINE_OFFICE_PUBLIC_KEYSET, the office public keyset");
            }
            return KeysetFiles.readPublic(config.officePublicKeyset().get());
        }
        if (role == ServiceRole.REVIEW || config.officeKeyset().isPresent()) {
            KeysetHandle derived = privateKey.get().publicKeyset();
            if (config.officePublicKeyset().isPresent()
                    && !KeysetFiles.readPublic(config.officePublicKeyset().get()).equalsKeyset(derived)) {
                throw new KeyLoadingException("TIPLINE_OFFICE_PUBLIC_KEYSET is not the public half of "
                        + "TIPLINE_OFFICE_KEYSET; export it again with 'keys export-public'");
            }
            return derived;
        }
        if (config.officePublicKeyset().isPresent()) {
            throw new KeyLoadingException("all-in-one with TIPLINE_OFFICE_PUBLIC_KEYSET also needs the private half, "
                    + "TIPLINE_OFFICE_KEYSET; or set TIPLINE_ROLE=intake");
        }
        Path file = DemoKeys.ensure(config.dataDir());
        Log.warnf("DEMO KEY: tips are encrypted to the demo office key pair in %s, whose private half "
                + "lies unprotected beside it. Set TIPLINE_OFFICE_PUBLIC_KEYSET for real tips.",
                file.getParent().toAbsolutePath());
        return KeysetFiles.readPublic(file);
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
