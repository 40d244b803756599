package org.tipline.keys;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

/**
 * Tink's {@link Aead} for one AWS KMS key: each call is one Encrypt or Decrypt request, and
 * the key never leaves KMS.
 *
 * <p>The requests are those of Tink's {@code tink-awskms} 1.11.0, field for field, so that a
 * keyset made through it opens here and the other way round (AwsKmsWireCompatibilityTests
 * replays its recorded requests):
 * <ul>
 * <li>{@code KeyId} is what follows {@code aws-kms://}, on Encrypt and on Decrypt;</li>
 * <li>associated data, when there is any, goes as the encryption context
 *     {@code {"associatedData": <its bytes in lowercase hex>}}; empty associated data sends
 *     no encryption context (tipline's {@code KmsEnvelopeAead} always sends none);</li>
 * <li>Decrypt's answer must name that same key, or the plaintext is refused: a ciphertext
 *     swapped for one under another key that the caller may also use does not open. As in
 *     tink-awskms, the check applies when the key id is a key ARN
 *     ({@code arn:...:key/...}); an alias is answered with the ARN of the key behind it,
 *     which cannot be compared, and KMS itself refuses a Decrypt whose {@code KeyId} did not
 *     encrypt the ciphertext.</li>
 * </ul>
 */
final class AwsKmsAead implements Aead {

    /** The encryption context entry that carries the associated data, as tink-awskms names it. */
    static final String ASSOCIATED_DATA = "associatedData";

    private final KmsClient kms;
    private final String keyId;

    AwsKmsAead(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        EncryptRequest.Builder request = EncryptRequest.builder().keyId(keyId).plaintext(SdkBytes.fromByteArray(plaintext));
        if (associatedData != null && associatedData.length != 0) {
            request.encryptionContext(context(associatedData));
        }
        try {
            return kms.encrypt(request.build()).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        DecryptRequest.Builder request = DecryptRequest.builder().keyId(keyId)
                .ciphertextBlob(SdkBytes.fromByteArray(ciphertext));
        if (associatedData != null && associatedData.length != 0) {
            request.encryptionContext(context(associatedData));
        }
        DecryptResponse response;
        try {
            response = kms.decrypt(request.build());
        } catch (SdkException e) {
            throw new GeneralSecurityException("decryption failed", e);
        }
        if (isKeyArn(keyId) && !keyId.equals(response.keyId())) {
            throw new GeneralSecurityException("decryption failed: wrong key id");
        }
        if (response.plaintext() == null) {
            throw new GeneralSecurityException("decryption failed: no plaintext");
        }
        return response.plaintext().asByteArray();
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of(ASSOCIATED_DATA, HexFormat.of().formatHex(associatedData));
    }

    /** {@code arn:<partition>:kms:<region>:<account>:key/<id>}: six fields, the last a key. */
    static boolean isKeyArn(String keyId) {
        String[] fields = keyId.split(":", -1);
        return fields.length == 6 && fields[5].startsWith("key/");
    }

    @Override
    public String toString() {
        return "AwsKmsAead[" + keyId + "]";
    }
}
