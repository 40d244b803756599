package org.tipline.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;

/**
 * The key that encrypts the office's private keyset at rest. The keyset file stores a
 * non-secret description of it (its {@code "kek"} object) so that the same key can be
 * obtained again, and the keyset itself encrypted under {@link #aead()}.
 *
 * <p>Two kinds exist: {@link PassphraseKek} (an operator passphrase through Argon2id) and
 * {@link KmsKek} (a key held in the office's KMS, reached through Tink's AWS or GCP KMS
 * integration, whose description is the key URI).
 */
public interface KeyEncryptionKey {

    /** The kind, written as {@code "kek": {"kind": ...}}: {@code argon2id} or {@code kms}. */
    String kind();

    /**
     * The description to store in the keyset file: {@code kind} plus whatever is needed to
     * obtain the same key again (a salt and the derivation cost, or a KMS key URI). It must
     * hold nothing secret, because {@code keys status} shows the file without unlocking it.
     */
    ObjectNode describe();

    /** Encrypts and authenticates the serialized keyset. */
    Aead aead();

    /** What probably went wrong when this key does not open a keyset, for the one-line error. */
    default String unlockFailureHint() {
        return "wrong key-encryption key or damaged file";
    }
}
