package org.tipline.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import org.tipline.config.ServiceRole;
import org.tipline.config.TiplineConfig;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.OfficeKeyCustody;

/**
 * The office private keyset, held only by the review side (and the all-in-one default).
 * The intake role can never create this bean. The keyset stays in memory only; it is never
 * written to the database or a log.
 */
@ApplicationScoped
public class OfficePrivateKey {

    private final HybridDecrypt decrypt;
    private final KeysetHandle publicKeyset;

    public OfficePrivateKey(TiplineConfig config) {
        if (!config.role().servesReview()) {
            throw new IllegalStateException("the intake role never holds the office private key");
        }
        CryptoProviders.install();
        try {
            KeysetHandle keyset = unlock(config);
            this.decrypt = keyset.getPrimitive(HybridConfig2026.get(), HybridDecrypt.class);
            this.publicKeyset = keyset.getPublicKeysetHandle();
        } catch (KeyLoadingException e) {
            throw new IllegalStateException("tipline cannot start: " + e.getMessage(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tipline cannot start: the office keyset cannot decrypt ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static KeysetHandle unlock(TiplineConfig config) throws KeyLoadingException {
        if (config.officeKeyset().isEmpty()) {
            if (config.role() == ServiceRole.REVIEW) {
                throw new KeyLoadingException(OfficeKeyCustody.REVIEW_NEEDS_KEYSET);
            }
            DemoKeys.ensure(config.dataDir());
            return KeysetFiles.readPrivate(DemoKeys.privateFile(config.dataDir()));
        }
        // Through the KMS when the file names a KMS key; otherwise with the passphrase file.
        return new OfficeKeyCustody().unlockAtStart(config.officeKeyset().get(), config.officeKeyPassphraseFile(),
                config.officeKmsKeyUri(), new KmsAccess(config.officeKmsCredentialsFile()));
    }

    /** Decrypts a ciphertext sealed to any key of the office keyset with this {@code contextInfo}. */
    public byte[] open(byte[] ciphertext, byte[] contextInfo) throws GeneralSecurityException {
        return decrypt.decrypt(ciphertext, contextInfo);
    }

    KeysetHandle publicKeyset() {
        return publicKeyset;
    }
}
