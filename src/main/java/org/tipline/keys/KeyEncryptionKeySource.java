package org.tipline.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;

/**
 * Obtains the key-encryption key that a keyset file's {@code "kek"} description names: by
 * deriving it again from a passphrase, or by reaching the KMS that holds it.
 */
@FunctionalInterface
public interface KeyEncryptionKeySource {

    /**
     * @throws IllegalArgumentException when the description is malformed or of a kind this
     *         source cannot open; the message is a short reason without secrets
     * @throws GeneralSecurityException when the key exists but cannot be obtained; a
     *         {@link KekUnavailableException} carries a one-line reason for the operator
     */
    KeyEncryptionKey open(JsonNode description) throws GeneralSecurityException;
}
