package org.tipline.crypto;

/** A tip encrypted to the office key: the ciphertext, the key it was sealed to and the format version. */
public record SealedTip(byte[] ciphertext, long keyId, int formatVersion) {
}
