package org.tipline.fuzz;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tipline.fuzz.ApiCatalog.Operation;

/**
 * A fuzz request being built: it starts as a valid request for one operation and collects
 * mutations, each with its verdict (must a correct server refuse it?). {@link #build} turns
 * it into the bytes to send and the answer to expect.
 */
final class RequestDraft {

    /** quarkus.http.limits.max-initial-line-length and max-header-size in application.properties. */
    static final int MAX_REQUEST_LINE = 2048;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    final Operation operation;
    final SplittableRandom random;
    private final String authority;

    String method;
    String version = "HTTP/1.1";
    String target;
    final Map<String, String> pathValues = new LinkedHashMap<>();
    final List<String> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    boolean chunked;
    /** A Content-Length to send instead of the body's length. */
    String contentLength;
    boolean noContentLength;
    boolean absoluteForm;
    /** Appended to the request target: a fragment, a space, a control character. */
    String targetSuffix = "";

    final List<String> mutations = new ArrayList<>();
    /** Per part of the request (body, credentials, method...): does its latest mutation break the contract? */
    final Map<String, Boolean> refusedParts = new HashMap<>();
    /** No Host, or one that cannot be parsed: refused by HTTP/1.1 unless the target names the authority. */
    boolean badHost;
    /** A dot segment or an empty one in the path, which may lead to another resource. */
    boolean elsewhere;
    /** The request line, version or framing was already changed once. */
    boolean framingChanged;
    /** The chunked framing of the body is broken: the codec drops the connection. */
    boolean dropped;
    /** Refused by the HTTP codec with this status and no body; 0 when not. */
    int codecStatus;

    RequestDraft(Operation operation, SplittableRandom random, String authority) {
        this.operation = operation;
        this.authority = authority;
        this.random = random;
        this.method = operation.method();
    }

    /** A mutation of {@code part} that a correct server must refuse; it replaces earlier verdicts on that part. */
    void refuse(String part, String mutation) {
        mutations.add(mutation);
        refusedParts.put(part, true);
    }

    /** A mutation of {@code part} that leaves the request valid, or may. */
    void allow(String part, String mutation) {
        mutations.add(mutation);
        refusedParts.put(part, false);
    }

    boolean refused() {
        return refusedParts.containsValue(true);
    }

    void codec(String mutation, int status) {
        mutations.add(mutation);
        codecStatus = status;
    }

    void dropped(String mutation) {
        mutations.add(mutation);
        dropped = true;
    }

    void header(String name, String value) {
        headers.add(new String[] {name, value});
    }

    void setHeader(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        if (value != null) {
            header(name, value);
        }
    }

    String requestTarget() {
        String path = target;
        if (path == null) {
            path = operation.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            path = query.isEmpty() ? path : path + "?" + String.join("&", query);
        }
        return (absoluteForm ? "http://" + authority : "") + path + targetSuffix;
    }

    FuzzCase build(int number) {
        String line = method + " " + requestTarget() + (version.isEmpty() ? "" : " " + version);
        List<String[]> allHeaders = new ArrayList<>(headers);
        byte[] content = body == null ? new byte[0] : body;
        if (chunked) {
            allHeaders.add(new String[] {"Transfer-Encoding", "chunked"});
            content = chunk(content, random);
        } else if (contentLength != null) {
            allHeaders.add(new String[] {"Content-Length", contentLength});
        } else if (body != null && !noContentLength) {
            allHeaders.add(new String[] {"Content-Length", Integer.toString(content.length)});
        }
        byte[] request = RawHttp.request(line, allHeaders, content);
        FuzzCase.Expected expected = expected(line, headerBytes(request));
        boolean plainFraming = version.equals("HTTP/1.1") && !framingChanged && !chunked;
        boolean answeredByTipline = expected instanceof FuzzCase.Refused || expected instanceof FuzzCase.EitherWay;
        return new FuzzCase(number, operation.name(), mutations.isEmpty() ? "valid" : String.join("; ", mutations),
                request, method.equals("HEAD"), expected, !plainFraming || !answeredByTipline);
    }

    private FuzzCase.Expected expected(String requestLine, int headerBytes) {
        if (codecStatus == 0 && requestLine.length() > MAX_REQUEST_LINE) {
            codec("request line over 2,048 bytes", 414);
        }
        if (codecStatus == 0 && headerBytes >= MAX_HEADER_BYTES && refusedOnlyByQuarkus(requestLine)) {
            // The codec takes a brace in the target and reads on, so its header limit answers first.
            codec("headers over 8 KiB together, before Quarkus's URI check", 431);
        }
        if (codecStatus == 0 && !wellFormedRequestLine(requestLine)) {
            codec("request line the HTTP codec or Quarkus's URI check refuses", 400);
        }
        if (codecStatus == 0 && headerBytes >= MAX_HEADER_BYTES) {
            codec("headers over 8 KiB together", 431); // two mutations that each add a few KiB
        }
        if (codecStatus != 0) {
            return new FuzzCase.CodecRefusal(codecStatus);
        }
        if (dropped) {
            return new FuzzCase.Dropped();
        }
        if (badHost && version.equals("HTTP/1.1") && !absoluteForm) {
            refusedParts.put("host", true); // HTTP/1.1 needs a usable Host, unless the target names the authority
        }
        // HEAD runs the GET beside it and ignores the body; OPTIONS is answered before any credentials are asked for.
        boolean lenientMethod = method.equals("HEAD") || method.equals("OPTIONS");
        return lenientMethod || elsewhere || !refused() ? FuzzCase.EITHER_WAY : FuzzCase.REFUSED;
    }

    /**
     * The header bytes as Netty's codec counts them against its limit: every byte of every
     * header line but the CR LF that ends it. It refuses with 431 once the count, with the
     * CR of the line it is reading, goes past the limit.
     */
    private static int headerBytes(byte[] request) {
        int start = indexOf(request, 0) + 2; // after the request line
        int end = start;
        int bytes = 0;
        while (end >= 0 && end < request.length) {
            int lineEnd = indexOf(request, end);
            if (lineEnd < 0 || lineEnd == end) {
                break; // the blank line before the body
            }
            bytes += lineEnd - end;
            end = lineEnd + 2;
        }
        return bytes;
    }

    /** The index of the next CR LF from {@code from}, or -1. */
    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether Netty's HTTP codec and Quarkus's URI check (a {@code java.net.URI} of the target,
     * before any route runs) both let the request line through: method, target and version
     * separated by single spaces, a version such as {@code HTTP/1.1}, a target that parses as a URI.
     */
    /** A request line the codec reads past (three parts, a version) whose target only Quarkus refuses: a brace. */
    static boolean refusedOnlyByQuarkus(String line) {
        String[] parts = line.split(" ", -1);
        return !wellFormedRequestLine(line) && parts.length == 3 && (parts[1].contains("{") || parts[1].contains("}"))
                && wellFormedRequestLine(parts[0] + " " + parts[1].replace("{", "%7B").replace("}", "%7D") + " "
                        + parts[2]);
    }

    static boolean wellFormedRequestLine(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[2].matches("[^/\\s]+/[0-9]+\\.[0-9]+")) {
            return false;
        }
        try {
            new URI(parts[1]);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The body as chunks of random sizes, ending with the zero-size chunk. */
    private static byte[] chunk(byte[] body, SplittableRandom random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 64);
        int offset = 0;
        while (offset < body.length) {
            int size = Math.min(body.length - offset, 1 + random.nextInt(4096));
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            offset += size;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
