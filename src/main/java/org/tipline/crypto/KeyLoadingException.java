package org.tipline.crypto;

/** An office keyset could not be loaded; the message says why in one line and holds no key material. */
public class KeyLoadingException extends Exception {
    public KeyLoadingException(String message) {
        super(message);
    }
}
