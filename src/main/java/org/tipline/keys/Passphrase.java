package org.tipline.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An operator passphrase, held as characters that are overwritten on {@link #close()}.
 * It is never turned into a {@code String}, so no copy lingers in the heap until some
 * later garbage collection, and its {@code toString} does not show it.
 *
 * <p>Use it in try-with-resources and keep it no longer than one operation.
 */
public final class Passphrase implements AutoCloseable {

    /** The shortest passphrase {@code keys init} accepts. */
    public static final int MIN_LENGTH = 12;

    private final char[] chars;
    private boolean closed;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}: they are zeroed when this passphrase is closed. */
    public static Passphrase wrap(char[] chars) {
        return new Passphrase(chars);
    }

    /**
     * Reads a passphrase file: the whole file as UTF-8, minus one trailing line break
     * ({@code \n} or {@code \r\n}), so that {@code echo "..." > file} works.
     */
    public static Passphrase readFile(Path file) throws KeyCustodyException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException("the passphrase file " + file + " cannot be read");
        }
        try {
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            char[] chars = decode(bytes, length);
            if (chars == null) {
                throw new KeyCustodyException("the passphrase file " + file + " is not valid UTF-8");
            }
            if (chars.length == 0) {
                throw new KeyCustodyException("the passphrase file " + file + " is empty");
            }
            return new Passphrase(chars);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The passphrase as UTF-8 bytes, for the key derivation. The caller must zero them after use. */
    byte[] utf8() {
        requireOpen();
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = null;
        try {
            buffer = encoder.encode(CharBuffer.wrap(chars));
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the passphrase holds an unpaired surrogate character");
        } finally {
            if (buffer != null && buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
        }
    }

    /** The number of characters (Unicode code points). */
    public int length() {
        requireOpen();
        return Character.codePointCount(chars, 0, chars.length);
    }

    /** True when both passphrases are the same, compared without leaking timing worth mentioning. */
    public boolean sameAs(Passphrase other) {
        requireOpen();
        other.requireOpen();
        if (chars.length != other.chars.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < chars.length; i++) {
            difference |= chars[i] ^ other.chars[i];
        }
        return difference == 0;
    }

    /** Overwrites the characters. The passphrase cannot be used afterwards. */
    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        closed = true;
    }

    @Override
    public String toString() {
        return "Passphrase[hidden]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the passphrase was already used and erased");
        }
    }

    private static char[] decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer buffer = null;
        try {
            buffer = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            char[] out = new char[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        } finally {
            if (buffer != null && buffer.hasArray()) {
                Arrays.fill(buffer.array(), '\0');
            }
        }
    }
}
