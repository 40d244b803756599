package org.tipline.crypto;

import java.util.Arrays;

/**
 * Pads a JSON document with trailing spaces (insignificant in JSON) to the next multiple of
 * {@link #BLOCK} bytes, so a ciphertext's length tells only a coarse size of what it holds.
 */
public final class JsonPadding {

    public static final int BLOCK = 256;

    private JsonPadding() {
    }

    public static byte[] pad(byte[] json) {
        int length = (json.length / BLOCK + 1) * BLOCK;
        byte[] out = Arrays.copyOf(json, length);
        Arrays.fill(out, json.length, length, (byte) ' ');
        return out;
    }
}
