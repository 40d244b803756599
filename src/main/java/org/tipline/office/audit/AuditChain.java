package org.tipline.office.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain of the audit log, and its canonical encoding.
 *
 * <pre>
 * hash(entry) = SHA-256(prev_hash || encoding(entry))
 * prev_hash   = hash of the entry with seq - 1; for seq 1, the genesis: 32 zero bytes
 *
 * encoding(entry) = int64(seq)
 *                || int64(at, in microseconds since 1970-01-01T00:00:00Z)
 *                || text(actor) || text(action) || text(tipReference) || text(purpose) || text(detail)
 *
 * int64(n) = 8 bytes, big-endian two's complement
 * text(s)  = 0x00                                   when s is null
 *          | 0x01 || uint32(length of UTF-8(s)) || UTF-8(s)   otherwise (length big-endian)
 * </pre>
 *
 * Every field has a fixed size or a length prefix, so no two different entries encode to
 * the same bytes, and null is distinct from the empty string. {@code detail} is hashed as
 * the stored text, which tipline writes as canonical JSON: an object of strings, keys
 * sorted by UTF-16 code units, no whitespace, strings escaped as in RFC 8785 (only {@code "},
 * {@code \} and control characters are escaped; {@code \b \t \n \f \r} in short form, the
 * other control characters as a backslash, "u00" and two lower-case hex digits). An empty detail is stored as null.
 * Times are kept to the microsecond, PostgreSQL's precision.
 */
public final class AuditChain {

    public static final int HASH_BYTES = 32;
    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The prev_hash of the first entry: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The hash of an entry, given the hash of the entry before it. */
    public static byte[] hash(byte[] prevHash, long seq, Instant at, String actor, String action,
            String tipReference, String purpose, String detail) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        sha256.update(prevHash);
        sha256.update(encode(seq, at, actor, action, tipReference, purpose, detail));
        return sha256.digest();
    }

    /** The canonical encoding of an entry's fields (without prev_hash), as documented above. */
    static byte[] encode(long seq, Instant at, String actor, String action, String tipReference,
            String purpose, String detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeLong(out, seq);
        writeLong(out, epochMicros(at));
        writeText(out, actor);
        writeText(out, action);
        writeText(out, tipReference);
        writeText(out, purpose);
        writeText(out, detail);
        return out.toByteArray();
    }

    /** Microseconds since the Unix epoch; the instant must already be whole microseconds. */
    static long epochMicros(Instant at) {
        if (at.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("audit times are whole microseconds");
        }
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    /** An instant as PostgreSQL's timestamptz keeps it. */
    static Instant toMicros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical JSON text of a detail map, or null for no detail (null or empty). */
    public static String canonicalDetail(Map<String, String> detail) {
        if (detail == null || detail.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(64);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(detail).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendJsonString(out, entry.getKey());
            out.append(':');
            appendJsonString(out, entry.getValue());
        }
        return out.append('}').toString();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    private static void appendJsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void writeText(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }
}
