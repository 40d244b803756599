package org.tipline.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tipline.platform.config.EarlySettings;
import org.tipline.testing.AppLog;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * A connection that stops sending is closed, wherever in the request it stopped, and no more
 * connections are held open than the cap allows. The shipped limits (application.properties:
 * an idle timeout of 40 s, 1,000 connections) are scaled down here to 2 s and 5 connections,
 * so that a stalled connection is closed while the test waits. Each wait is bounded
 * generously (30 s): the test only tells "closed" from "left open", never how fast.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(StalledConnectionTests.ShortTimeouts.class)
class StalledConnectionTests {

    static final int MAX_CONNECTIONS = 5;

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s",
                    "quarkus.http.limits.max-connections", Integer.toString(MAX_CONNECTIONS));
        }
    }

    /** Far beyond the 2 s idle timeout: only a connection left open for good gets there. */
    private static final int GENEROUS_MILLIS = 30_000;
    /** Well within the idle timeout: a client that sends this often is slow, not stalled. */
    private static final long STEADY_GAP_MILLIS = 400;

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "nothing at all",
        "half a request line",
        "headers without the blank line that ends them",
    })
    void aRequestWhoseHeadersNeverEndIsClosedWithoutAnAnswer(String stalledAt) throws Exception {
        String sent = switch (stalledAt) {
            case "nothing at all" -> "";
            case "half a request line" -> "POST /api/v1/ti";
            default -> "POST /api/v1/tips HTTP/1.1\r\nHost: " + authority() + "\r\nContent-Type: application/json\r\n";
        };
        try (Socket socket = connect()) {
            send(socket, sent);
            assertThat(readUntilClosed(socket)).as("what the server answered before closing").isEmpty();
        }
    }

    /**
     * A body cut short, small or large. Past 10 KB the REST layer would by default read the
     * rest on a worker thread, blocking, and the close would end that read with an error
     * logged as tipline's own; the whole body is gathered without blocking instead.
     */
    @ParameterizedTest(name = "{0} of {1} bytes sent")
    @CsvSource({"50, 1000", "20000, 60000"})
    void aBodyCutShortIsClosedAndNothingIsStoredOrLogged(int sent, int declared) throws Exception {
        TipRows rows = new TipRows(dataSource);
        long tips = rows.count();
        long logStart = AppLog.end();
        String start = "{\"category\":\"drugs\",\"description\":\"";
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/tips HTTP/1.1\r\nHost: " + authority() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n" + start + "x".repeat(sent - start.length()));
            String answer = readUntilClosed(socket);
            if (!answer.isEmpty()) {
                assertThat(answer).as("an answer, if one comes before the close, is a refusal").matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            }
        }
        // A failed read would be logged just after the close, on another thread: give it a moment to show.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> lines = AppLog.linesSince(logStart);
        while (System.nanoTime() < deadline && lines.stream().noneMatch(StalledConnectionTests::isAlarm)) {
            Thread.sleep(100);
            lines = AppLog.linesSince(logStart);
        }
        assertThat(lines).as("a client that goes silent is not an error of tipline's").noneMatch(StalledConnectionTests::isAlarm);
        assertThat(rows.count()).isEqualTo(tips);
    }

    private static boolean isAlarm(String line) {
        return line.contains(" ERROR ") || line.contains(" WARN ");
    }

    /**
     * What bounds a slow sender of headers (slow loris). In HTTP/1.1 the idle timer restarts
     * only when a whole request head, or a piece of a body, has been read: header bytes that
     * do not finish the head do not count as activity. So the request line and headers must
     * arrive within one idle timeout, however steadily they trickle. Here a 20-byte header
     * line comes every 400 ms, far below the 8 KiB header limit over the 30 s the test allows.
     */
    @Test
    void headersTrickledSteadilyAreCutOffByTheIdleTimeout() throws Exception {
        int allowed = GENEROUS_MILLIS / (int) STEADY_GAP_MILLIS;
        try (Socket socket = connect()) {
            send(socket, "GET /api/v1/office-key HTTP/1.1\r\nHost: " + authority() + "\r\n");
            int lines = 0;
            while (lines < allowed) {
                Thread.sleep(STEADY_GAP_MILLIS);
                if (socket.getInputStream().available() > 0) {
                    break;
                }
                try {
                    send(socket, String.format("X-Trickle-%08d: 1\r\n", lines));
                } catch (SocketException closed) {
                    break;
                }
                lines++;
            }
            String answer = readUntilClosed(socket);
            assertThat(lines).as("header lines taken, one every %d ms, before the connection was closed", STEADY_GAP_MILLIS)
                    .isLessThan(allowed);
            assertThat(answer).as("what the server answered before closing").isEmpty();
        }
    }

    /**
     * A phone on a poor network: a 60 KB tip sent in pieces, taking several idle timeouts in
     * all but never pausing for one, is stored.
     */
    @Test
    void aSlowButSteadyTipGetsThrough() throws Exception {
        TipRows rows = new TipRows(dataSource);
        long tips = rows.count();
        byte[] body = ("{\"category\":\"drugs\",\"description\":\"" + "\u20ac".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(60_000);
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/tips HTTP/1.1\r\nHost: " + authority() + "\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < body.length; offset += 4_096) {
                Thread.sleep(STEADY_GAP_MILLIS);
                out.write(body, offset, Math.min(4_096, body.length - offset));
                out.flush();
            }
            assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 201 ");
        }
        assertThat(rows.count()).isEqualTo(tips + 1);
    }

    /**
     * The connection cap counts connections, and one HTTP/2 connection carries many requests:
     * it must announce a limit (in its SETTINGS frame, which Netty then enforces), or a single
     * connection could hold any number of stalled requests.
     */
    @Test
    void anHttp2ConnectionAnnouncesAtMost100RequestsAtOnce() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            in.readUnsignedByte(); // flags
            in.readInt(); // stream 0
            assertThat(type).as("the server's first frame is its SETTINGS").isEqualTo(4);
            Map<Integer, Long> settings = new HashMap<>();
            for (int i = 0; i < length / 6; i++) {
                settings.put(in.readUnsignedShort(), in.readInt() & 0xFFFF_FFFFL);
            }
            assertThat(settings).as("SETTINGS_MAX_CONCURRENT_STREAMS").containsEntry(3, 100L);
        }
    }

    /**
     * The idle timeout also runs while tipline holds an answer on purpose (a failed tipster
     * sign-in waits up to {@code tipline.followup.max-failure-delay}): the shipped timeout
     * must outlast that hold, or the held answer would become a dropped connection.
     */
    @Test
    void theShippedIdleTimeoutOutlastsTheLongestHeldAnswer() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = StalledConnectionTests.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        String idle = shipped.getProperty("quarkus.http.idle-timeout");
        assertThat(idle).as("quarkus.http.idle-timeout in application.properties").isNotNull();
        Duration held = EarlySettings.read().tipline().followup().maxFailureDelay();
        assertThat(DurationConverter.parseDuration(idle)).isGreaterThan(held.plusSeconds(5));
        assertThat(shipped.getProperty("quarkus.http.limits.max-connections")).as("a connection cap").isNotNull();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndAFreedPlaceServesAgain() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> holders = new ArrayList<>();
        List<AtomicInteger> trickled = new ArrayList<>();
        int bodyLength = 2_000;
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                Socket holder = connectedAfterOneAnswer();
                AtomicInteger sent = new AtomicInteger();
                holders.add(holder);
                trickled.add(sent);
                // Start a tip and keep sending its body a byte at a time (JSON whitespace), so the
                // connection is never idle.
                send(holder, "POST /api/v1/tips HTTP/1.1\r\nHost: " + authority() + "\r\nContent-Type: application/json\r\n"
                        + "Connection: close\r\nContent-Length: " + bodyLength + "\r\n\r\n");
                trickle.scheduleWithFixedDelay(() -> {
                    try {
                        send(holder, " ");
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        // the assertions below find a closed holder
                    }
                }, 0, STEADY_GAP_MILLIS, TimeUnit.MILLISECONDS);
            }

            try (Socket extra = connect()) {
                send(extra, "GET /api/v1/office-key HTTP/1.1\r\nHost: " + authority() + "\r\nConnection: close\r\n\r\n");
                assertThat(readUntilClosed(extra)).as("the answer to a connection beyond the cap").isEmpty();
            }

            trickle.shutdownNow();
            assertThat(trickle.awaitTermination(GENEROUS_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            for (int i = 0; i < holders.size(); i++) {
                send(holders.get(i), " ".repeat(bodyLength - trickled.get(i).get() - 2) + "{}");
                assertThat(readUntilClosed(holders.get(i))).as("the held connections were open all along")
                        .startsWith("HTTP/1.1 400 ");
            }
        } finally {
            trickle.shutdownNow();
            for (Socket holder : holders) {
                holder.close();
            }
        }
        connectedAfterOneAnswer().close();
    }

    /**
     * A connection that has had one 200 answer, so that the server has counted it. Retried
     * while places held by connections just closed are still being given back.
     */
    private Socket connectedAfterOneAnswer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GENEROUS_MILLIS);
        while (true) {
            Socket socket = connect();
            send(socket, "GET /api/v1/office-key HTTP/1.1\r\nHost: " + authority() + "\r\n\r\n");
            if (readOneAnswer(socket).startsWith("HTTP/1.1 200 ")) {
                return socket;
            }
            socket.close();
            if (System.nanoTime() > deadline) {
                fail("no connection was served within " + GENEROUS_MILLIS / 1000 + " s");
            }
            Thread.sleep(100);
        }
    }

    private String authority() {
        return base.getHost() + ":" + base.getPort();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(GENEROUS_MILLIS);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), GENEROUS_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Everything the server sends until it closes the connection (or resets it). A server that
     * keeps the connection open past the generous bound fails the test.
     */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8_192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the connection was still open after " + GENEROUS_MILLIS / 1000 + " s; received so far: "
                    + received.toString(StandardCharsets.ISO_8859_1));
        } catch (SocketException reset) {
            // closed with a reset: as closed as a FIN
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** One answer on a connection that stays open: its head, and its body skipped by Content-Length. Empty if closed. */
    private static String readOneAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return "";
                }
                head.append((char) b);
            }
        } catch (SocketException reset) {
            return "";
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return head.toString();
    }
}
