package org.tipline.keys;

import java.security.GeneralSecurityException;

/**
 * The key-encryption key could not be used at all: the KMS is not reachable, refuses the
 * call, or no credentials for it were found. This is not a verdict on the keyset file,
 * which is why it is kept apart from a failed decryption ("damaged file").
 *
 * <p>The message is one line for an operator, for example
 * {@code the KMS key aws-kms://... is not reachable or refused (AccessDeniedException)}. It
 * names the failure by its type or error code only: messages from a cloud SDK can be long,
 * multi-line, or carry details nobody meant to print. There is deliberately no cause, so
 * nothing further can end up in a log.
 */
public final class KekUnavailableException extends GeneralSecurityException {

    KekUnavailableException(String message) {
        super(message);
    }

    /** This exception when it is {@code failure} or one of its causes, else null. */
    static KekUnavailableException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KekUnavailableException found) {
                return found;
            }
        }
        return null;
    }
}
