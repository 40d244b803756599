package org.tipline.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import java.security.GeneralSecurityException;
import java.util.Iterator;
import java.util.Set;

/**
 * A key-encryption key held in the office's KMS. The office never holds it: every use is a
 * request to the KMS, which checks the caller's identity and records the call in its own
 * audit log (CloudTrail, Cloud Audit Logs).
 *
 * <p>The keyset is envelope-encrypted with Tink's {@link KmsEnvelopeAead}: a fresh
 * AES-256-GCM data key encrypts the keyset, with the file's header as associated data, and
 * only that 32-byte data key goes to the KMS to be encrypted. A keyset of many X-Wing keys
 * is far larger than the 4 KiB AWS KMS encrypts directly, and the header is kept out of the
 * KMS's request logs this way.
 *
 * <p>The file describes it as {@code "kek": {"kind": "kms", "keyUri": "aws-kms://..."}}.
 */
public final class KmsKek implements KeyEncryptionKey {

    public static final String KIND = "kms";
    private static final Set<String> FIELDS = Set.of("kind", "keyUri");
    private static final AesGcmParameters DATA_KEY;

    static {
        try {
            DATA_KEY = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KmsKeyUri key;
    private final Aead aead;

    private KmsKek(KmsKeyUri key, Aead aead) {
        this.key = key;
        this.aead = aead;
    }

    /**
     * The key-encryption key for this KMS key. Nothing is sent to the KMS yet.
     *
     * @throws IllegalArgumentException when no integration serves the URI
     * @throws KekUnavailableException  when no client for the KMS can be made
     */
    public static KmsKek create(KmsKeyUri key, KmsAccess kms) throws GeneralSecurityException {
        return new KmsKek(key, KmsEnvelopeAead.create(DATA_KEY, kms.remoteAead(key)));
    }

    /** Opens the key that a {@code kms} description names, through {@code kms}. */
    public static KeyEncryptionKeySource source(KmsAccess kms) {
        return description -> create(keyUri(description), kms);
    }

    /** The key URI of a {@code kms} description; {@link IllegalArgumentException} when it is not one. */
    static KmsKeyUri keyUri(JsonNode description) {
        if (!KIND.equals(description.path("kind").asText())) {
            throw new IllegalArgumentException("the keyset is not encrypted under a KMS key (kek kind is not " + KIND + ")");
        }
        for (Iterator<String> names = description.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                throw new IllegalArgumentException("the kek description has an unknown field");
            }
        }
        JsonNode uri = description.get("keyUri");
        if (uri == null || !uri.isTextual()) {
            throw new IllegalArgumentException("the kek description has no keyUri");
        }
        try {
            return new KmsKeyUri(uri.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the kek keyUri is not a KMS key URI");
        }
    }

    public KmsKeyUri keyUri() {
        return key;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ObjectNode describe() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", KIND);
        node.put("keyUri", key.value());
        return node;
    }

    @Override
    public Aead aead() {
        return aead;
    }

    /**
     * The KMS did not refuse (that would be a {@link KekUnavailableException}), so what fails
     * to verify is the file: an edited header, a damaged or foreign ciphertext.
     */
    @Override
    public String unlockFailureHint() {
        return "damaged file (it does not verify under the KMS key " + key + ")";
    }

    @Override
    public String toString() {
        return "KmsKek[" + key + "]";
    }
}
