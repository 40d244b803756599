package org.tipline.platform.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Holds every JSON document tipline reads from bytes to well-formed UTF-8 without a NUL byte:
 * no overlong forms, encoded surrogates or code points past U+10FFFF, which Jackson's own
 * decoder lets through, and no NUL, which JSON never needs and which would let Jackson read
 * the bytes as UTF-16 or UTF-32. A body that breaks this fails as malformed JSON (400).
 *
 * <p>Installed on the shared {@code ObjectMapper}'s factory by {@link StrictJson}, so it runs
 * inside the REST layer's JSON reader itself. (As a JAX-RS reader interceptor, the same check
 * made the REST layer parse the resource method's parameter annotations again on every
 * request.) Request bodies are at most the configured limit, so a body is read whole, checked
 * with the JDK's strict UTF-8 decoder into a small per-thread buffer, and handed on.
 */
final class WellFormedUtf8 extends InputDecorator {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<CharBuffer> SCRATCH = ThreadLocal.withInitial(() -> CharBuffer.allocate(4096));

    @Override
    public InputStream decorate(IOContext context, InputStream in) throws IOException {
        byte[] body = in.readAllBytes();
        check(body, 0, body.length);
        return new ByteArrayInputStream(body);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
        check(src, offset, length);
        return null; // read the array itself
    }

    @Override
    public DataInput decorate(IOContext context, DataInput input) {
        return input; // never a request body
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return reader; // characters already: no bytes to check
    }

    static boolean isUtf8WithoutNul(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = SCRATCH.get();
        while (true) {
            out.clear();
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                out.clear();
                return !decoder.flush(out).isError();
            }
        }
    }

    private static void check(byte[] bytes, int offset, int length) throws JsonParseException {
        if (!isUtf8WithoutNul(bytes, offset, length)) {
            throw new JsonParseException(null, "not well-formed UTF-8 without NUL");
        }
    }
}
