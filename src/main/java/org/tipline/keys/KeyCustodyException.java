package org.tipline.keys;

/**
 * An office keyset operation was refused or failed (the file exists already, the key type
 * cannot be used on this platform, a file cannot be written). The message is one line for
 * an operator and never holds key material or a passphrase.
 */
public class KeyCustodyException extends Exception {
    public KeyCustodyException(String message) {
        super(message);
    }
}
