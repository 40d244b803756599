package org.tipline.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, kept alive between requests. It sends the
 * request bytes exactly as given, so a test can send what no well-behaved client would:
 * invalid UTF-8, control characters in headers, malformed request lines, oversized headers,
 * conflicting Content-Length. It reads one answer per request (skipping 1xx interim answers)
 * and reconnects when the server closes the connection.
 */
public final class RawHttp implements Closeable {

    /** One answer. {@code closed} is true when the server closed the connection after it. */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean closed) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer is not well-formed HTTP. */
    public static final class BadAnswer extends IOException {
        BadAnswer(String message) {
            super(message);
        }
    }

    /** The server closed the connection, or went silent, without answering. */
    public static final class NoAnswer extends IOException {
        NoAnswer(String message) {
            super(message);
        }
    }

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final int MAX_BODY = 4 << 20;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** {@code host:port}, for the Host header. */
    public String authority() {
        return host + ":" + port;
    }

    /** Sends one request and reads its answer. {@code head} is true for HEAD requests (no body comes back). */
    public Answer exchange(byte[] request, boolean head) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // The server may have answered and closed before reading everything (413): read what it said.
        }
        try {
            Answer answer = readAnswer(head);
            if (answer.closed()) {
                close();
            }
            return answer;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    private Answer readAnswer(boolean head) throws IOException {
        while (true) {
            String statusLine;
            try {
                statusLine = readLine();
            } catch (SocketTimeoutException e) {
                throw new NoAnswer("no answer within " + TIMEOUT_MILLIS / 1000 + " s");
            }
            if (statusLine == null) {
                throw new NoAnswer("connection closed without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            // Netty answers in the protocol the request named, so "FUZZ/1.1 200 OK" is possible.
            if (parts.length < 2 || !parts[0].matches("[^/ ]+/[0-9]+\\.[0-9]+")) {
                throw new BadAnswer("not an HTTP status line: " + Printable.of(statusLine, 80));
            }
            int status = number(parts[1], 10);
            Map<String, String> headers = readHeaders();
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and the like: the real answer follows
            }
            boolean closed = "close".equalsIgnoreCase(headers.get("connection")) || !parts[0].equals("HTTP/1.1")
                    && !"keep-alive".equalsIgnoreCase(headers.get("connection"));
            byte[] body;
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked();
            } else if (headers.containsKey("content-length")) {
                body = readExactly(number(headers.get("content-length").trim(), 10));
            } else {
                body = readToEnd();
                closed = true;
            }
            return new Answer(status, headers, body, closed);
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("chunked body cut short");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = number((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                readHeaders(); // trailers
                return body.toByteArray();
            }
            body.write(readExactly(size));
            readLine();
            if (body.size() > MAX_BODY) {
                throw new IOException("answer body over " + MAX_BODY + " bytes");
            }
        }
    }

    private static int number(String text, int radix) throws BadAnswer {
        try {
            return Integer.parseInt(text, radix);
        } catch (NumberFormatException e) {
            throw new BadAnswer("not a number where the answer needs one: " + Printable.of(text, 40));
        }
    }

    private byte[] readExactly(int length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("answer body over " + MAX_BODY + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("body cut short");
        }
        return bytes;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY) {
                throw new IOException("answer body over " + MAX_BODY + " bytes");
            }
        }
        return body.toByteArray();
    }

    /** A line without its CRLF, as ISO-8859-1; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
            if (line.length() > 64 * 1024) {
                throw new IOException("answer line over 64 KiB");
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Request bytes: the request line, the headers in order, a blank line and the body. */
    public static byte[] request(String requestLine, List<String[]> headers, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + body.length);
        writeLatin1(bytes, requestLine);
        bytes.write('\r');
        bytes.write('\n');
        for (String[] header : headers) {
            writeLatin1(bytes, header[0]);
            writeLatin1(bytes, ": ");
            writeLatin1(bytes, header[1]);
            bytes.write('\r');
            bytes.write('\n');
        }
        bytes.write('\r');
        bytes.write('\n');
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** Each char is one byte (chars above 0xFF are sent as their UTF-8 bytes, which is what a client would send). */
    private static void writeLatin1(ByteArrayOutputStream bytes, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0xFF) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
    }
}
