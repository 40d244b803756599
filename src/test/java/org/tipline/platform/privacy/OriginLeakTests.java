package org.tipline.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tipline.fuzz.RawHttp;
import org.tipline.office.channel.ChannelJdbc;
import org.tipline.office.channel.ChannelRules;
import org.tipline.testing.AppLog;
import org.tipline.testing.LeakScan;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tip.TipPlaintext;
import org.tipline.tipster.channel.ChannelDirectory;

/**
 * The tipster's origin leaves no trace: 1,000 tips, sent by several clients at once, carry a
 * marker in every header that can say where a request came from, and a plaintext canary in
 * the body. Neither appears in the PostgreSQL files (WAL included, after a checkpoint and a
 * WAL switch), in the application log, or in any file written to the temp directory during
 * the test. The canary comes back only through the office key.
 *
 * <p>Half of the tips come through a channel, with its key and from an origin on its list, so
 * that the CORS grant is made: neither the key nor that origin appears in the log or the temp
 * files, and the key appears nowhere in the database either (only its hash is stored; the
 * listed origin is in the channel's row by design). The other half carry an origin on no
 * list; preflights from both origins are answered too.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class OriginLeakTests {

    private static final int TIPS = 1_000;
    private static final int CLIENTS = 4;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    /** Every origin-carrying header, each with a marker of its own, so that a hit names its header. */
    private static final Map<String, String> ORIGIN_HEADERS = originHeaders();

    /** On the channel's list: it gets the CORS grant. */
    private static final String LISTED_ORIGIN = "https://leak-listed-" + RUN + ".example";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelDirectory directory;

    /** The channel's key, sent with every other tip. */
    private String channelKey;

    @TestHTTPResource("/")
    URI base;

    private static Map<String, String> originHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", "203.0.113.77");
        headers.put("X-Real-IP", "203.0.113.78");
        headers.put("Forwarded", "for=203.0.113.79;host=leak-fwd-" + RUN + ".example");
        headers.put("True-Client-IP", "203.0.113.80");
        headers.put("CF-Connecting-IP", "203.0.113.81");
        headers.put("X-Client-IP", "2001:db8::82:" + RUN.substring(0, 4));
        headers.put("X-Cluster-Client-IP", "203.0.113.83");
        headers.put("Fastly-Client-IP", "203.0.113.84");
        headers.put("X-Original-Forwarded-For", "203.0.113.85");
        headers.put("Client-IP", "203.0.113.86");
        headers.put("X-Originating-IP", "203.0.113.87");
        headers.put("X-Remote-Addr", "203.0.113.88");
        headers.put("X-Forwarded-Host", "leak-host-" + RUN + ".example");
        headers.put("Via", "1.1 leak-proxy-" + RUN + ".example");
        headers.put("User-Agent", "leak-agent-" + RUN + "/9.9");
        headers.put("Referer", "https://leak-referer-" + RUN + ".example/tip");
        headers.put("Cookie", "tracker=leak-cookie-" + RUN);
        headers.put("Origin", "https://leak-origin-" + RUN + ".example");
        headers.put("Accept-Language", "x-leaklang-" + RUN.substring(0, 8));
        headers.put("From", "leak-from-" + RUN + "@example.org");
        headers.put("Sec-CH-UA", "\"leak-browser-" + RUN + "\";v=\"99\"");
        headers.put("Sec-CH-UA-Platform", "\"leak-os-" + RUN + "\"");
        headers.put("X-Requested-With", "leak-app-" + RUN);
        return headers;
    }

    @Test
    void noOriginMarkerOrPlaintextIsWrittenAnywhere() throws Exception {
        long started = System.currentTimeMillis();
        String canary = "CANARY-" + UUID.randomUUID();
        TipRows rows = new TipRows(dataSource);
        ChannelRules.Issued channel = ChannelRules.create("leak-" + RUN, "default", List.of(LISTED_ORIGIN), null, false,
                "web", new java.security.SecureRandom());
        try (java.sql.Connection connection = dataSource.getConnection()) {
            ChannelJdbc.insert(connection, channel.channel());
        }
        channelKey = channel.key();
        directory.refresh().await().indefinitely();

        long sending = System.nanoTime();
        List<String> references = sendTips(canary);
        long sentIn = (System.nanoTime() - sending) / 1_000_000;
        assertThat(references).hasSize(TIPS).doesNotHaveDuplicates();
        sendBadRequests(canary);
        sendPreflights();

        rows.execute("checkpoint");
        rows.execute("select pg_switch_wal()");
        List<byte[]> markers = new ArrayList<>();
        ORIGIN_HEADERS.values().forEach(value -> markers.add(LeakScan.utf8(value)));
        markers.add(LeakScan.utf8(canary));
        markers.add(LeakScan.utf8(channelKey));
        markers.add(LeakScan.utf8(channelKey.substring(4)));
        List<byte[]> outsideTheDatabase = new ArrayList<>(markers);
        outsideTheDatabase.add(LeakScan.utf8(LISTED_ORIGIN));
        Path dataDirectory = Path.of(rows.show("data_directory"));
        Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        Path tempControl = Files.writeString(Files.createTempFile("tipline-leak-control", ".txt"), "control-" + RUN);
        try {
            // The scans can see what is there: a reference, stored in clear, and a file written just now.
            assertThat(LeakScan.filesHolding(dataDirectory, List.of(LeakScan.utf8(references.get(0))))).isNotEmpty();
            List<Path> temp = filesModifiedSince(tempDirectory, started);
            assertThat(temp).contains(tempControl);

            assertThat(LeakScan.filesHolding(dataDirectory, markers)).as("PostgreSQL files (WAL included) holding a marker")
                    .isEmpty();
            assertThat(LeakScan.filesHolding(AppLog.FILE, outsideTheDatabase)).as("application log holding a marker")
                    .isEmpty();
            assertThat(Files.size(AppLog.FILE)).as("the log was captured").isPositive();
            for (Path file : temp) {
                assertThat(LeakScan.filesHolding(file, outsideTheDatabase)).as("temp files holding a marker").isEmpty();
            }
            System.out.printf("origin leak scan: %d tips from %d clients in %d ms; %d temp files scanned%n", TIPS, CLIENTS,
                    sentIn, temp.size());
        } finally {
            Files.deleteIfExists(tempControl);
        }

        TipPlaintext opened = OfficeKeyForTests.open(rows.byReference(references.get(TIPS / 2)));
        assertThat(opened.description()).startsWith(canary + " tip number ");
    }

    /** Sends the tips from {@link #CLIENTS} connections at once; returns their references. */
    private List<String> sendTips(String canary) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int first = client * (TIPS / CLIENTS);
                sent.add(clients.submit(() -> sendTips(canary, first, TIPS / CLIENTS)));
            }
            List<String> references = new ArrayList<>();
            for (Future<List<String>> part : sent) {
                references.addAll(part.get());
            }
            return references;
        } finally {
            clients.shutdownNow();
        }
    }

    private List<String> sendTips(String canary, int first, int count) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> references = new ArrayList<>();
        try (RawHttp http = new RawHttp(base)) {
            for (int i = first; i < first + count; i++) {
                byte[] body = json.writeValueAsBytes(Map.of("category", "drugs",
                        "description", canary + " tip number " + i, "location", canary, "details", Map.of("note", canary)));
                boolean keyed = i % 2 == 1;
                RawHttp.Answer answer = http.exchange(tipRequest(http, body, "application/json", keyed), false);
                assertThat(answer.status()).as("tip %d: %s", i, answer.bodyText()).isEqualTo(201);
                assertThat(answer.header("Access-Control-Allow-Origin")).as("the CORS grant, made for keyed tips only")
                        .isEqualTo(keyed ? LISTED_ORIGIN : null);
                references.add(json.readTree(answer.body()).path("reference").asText());
            }
        }
        return references;
    }

    /** Error paths must not record origin data either. */
    private void sendBadRequests(String canary) throws IOException {
        try (RawHttp http = new RawHttp(base)) {
            byte[] truncated = ("{\"category\":\"" + canary + "\"").getBytes(StandardCharsets.UTF_8);
            assertThat(http.exchange(tipRequest(http, truncated, "application/json", true), false).status()).isEqualTo(400);
            assertThat(http.exchange(tipRequest(http, truncated, "text/plain", false), false).status()).isEqualTo(415);
            byte[] good = ("{\"category\":\"drugs\",\"description\":\"" + canary + "\"}").getBytes(StandardCharsets.UTF_8);
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Host", http.authority()});
            headers.add(new String[] {"Origin", LISTED_ORIGIN});
            headers.add(new String[] {"X-Tipline-Channel-Key", "tlc_" + channelKey.substring(5) + "Q"});
            headers.add(new String[] {"Content-Type", "application/json"});
            headers.add(new String[] {"Content-Length", Integer.toString(good.length)});
            assertThat(http.exchange(RawHttp.request("POST /api/v1/tips HTTP/1.1", headers, good), false).status())
                    .isEqualTo(401);
        }
    }

    /** Preflights from the listed origin (granted) and the marker origin (not), on tips and the follow-up. */
    private void sendPreflights() throws IOException {
        try (RawHttp http = new RawHttp(base)) {
            for (String path : List.of("/api/v1/tips", "/api/v1/followup", "/api/v1/review/tips")) {
                for (String origin : List.of(LISTED_ORIGIN, ORIGIN_HEADERS.get("Origin"))) {
                    List<String[]> headers = new ArrayList<>();
                    headers.add(new String[] {"Host", http.authority()});
                    headers.add(new String[] {"Origin", origin});
                    headers.add(new String[] {"Access-Control-Request-Method", path.equals("/api/v1/tips") ? "POST" : "GET"});
                    headers.add(new String[] {"Access-Control-Request-Headers", "content-type, x-tipline-channel-key"});
                    headers.add(new String[] {"Content-Length", "0"});
                    RawHttp.Answer answer = http.exchange(RawHttp.request("OPTIONS " + path + " HTTP/1.1", headers,
                            new byte[0]), false);
                    assertThat(answer.status()).isLessThan(500);
                    assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(
                            origin.equals(LISTED_ORIGIN) && !path.contains("review") ? LISTED_ORIGIN : null);
                }
            }
        }
    }

    private byte[] tipRequest(RawHttp http, byte[] body, String contentType, boolean keyed) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", http.authority()});
        ORIGIN_HEADERS.forEach((name, value) -> headers.add(new String[] {name,
                keyed && name.equals("Origin") ? LISTED_ORIGIN : value}));
        if (keyed) {
            headers.add(new String[] {"X-Tipline-Channel-Key", channelKey});
        }
        headers.add(new String[] {"Content-Type", contentType});
        headers.add(new String[] {"Content-Length", Integer.toString(body.length)});
        return RawHttp.request("POST /api/v1/tips HTTP/1.1", headers, body);
    }

    /** Regular files under {@code root} modified since {@code sinceMillis}; unreadable parts are skipped. */
    static List<Path> filesModifiedSince(Path root, long sinceMillis) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && attributes.lastModifiedTime().toMillis() >= sinceMillis - 1_000) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed while walking, or not ours to read
            }
        });
        return files;
    }
}
