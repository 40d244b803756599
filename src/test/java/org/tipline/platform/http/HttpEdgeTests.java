package org.tipline.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tipline.fuzz.RawHttp;
import org.tipline.testing.AppLog;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * Requests that go wrong below the REST layer: in the request line, the headers or the
 * framing of the body. Sent byte for byte, as no ordinary client would send them.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class HttpEdgeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private RawHttp.Answer send(String request) throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            return http.exchange(request.replace("{HOST}", http.authority()).getBytes(StandardCharsets.ISO_8859_1), false);
        }
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) throws Exception {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    @Test
    void anHttp11RequestWithoutHostIsABadRequestNotMalformedJson() throws Exception {
        assertProblem(send("GET /api/v1/office-key HTTP/1.1\r\n\r\n"), 400, "/problems/bad-request");
        assertProblem(send("GET /api/v1/office-key HTTP/1.1\r\nHost: localhost:port\r\n\r\n"), 400, "/problems/bad-request");
    }

    @Test
    void anEmptyChunkedBodyIsAnsweredLikeAnEmptyBody() throws Exception {
        // Before the fix, the REST layer waited for a body that had already ended, and never answered.
        RawHttp.Answer answer = send("POST /api/v1/tips HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertProblem(answer, 400, "/problems/invalid-field");
    }

    @Test
    void aBrokenChunkedBodyIsTheClientsFaultAndWritesNothing() throws Exception {
        TipRows rows = new TipRows(dataSource);
        long tips = rows.count();
        long logStart = AppLog.end();
        // Netty's WARN line for these depends on timing (Vert.x's handler fails only when the
        // codec gives up before the request exists): try each body a few times.
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.addAll(List.of("zz\r\n{}\r\n0\r\n\r\n", "ffffffff\r\n{}\r\n0\r\n\r\n",
                    "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
        }
        for (String chunks : bodies) {
            try {
                RawHttp.Answer answer = send("POST /api/v1/tips HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
                assertThat(answer.status()).as("if an answer gets out before the codec closes").isEqualTo(400);
            } catch (RawHttp.NoAnswer closed) {
                // the usual outcome: the HTTP codec closes the connection mid-request
            }
        }
        assertThat(rows.count()).isEqualTo(tips);
        assertThat(AppLog.linesSince(logStart)).as("a line logged for a client's broken body")
                .noneMatch(line -> line.contains("ERROR") || line.contains("[io.ne.") || line.contains("Chunk size"));
    }

    /**
     * These are refused by Netty's HTTP codec (request line, headers, Content-Length) or by
     * Quarkus's URI check (a target {@code java.net.URI} cannot parse) before the router, so
     * before any handler of tipline's: the answer has the status alone, with an empty body.
     * Vert.x has a hook for them ({@code HttpServer#invalidRequestHandler}), but Quarkus 3.33
     * creates the server itself and sets no such handler, and exposes none: reaching it would
     * take reflection into Quarkus's private verticle. docs/api.md documents these answers.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            request line over 2,048 bytes     | 414 | GET /api/v1/LONG HTTP/1.1\\r\\nHost: {HOST}\\r\\n\\r\\n
            headers over 8 KiB                | 431 | GET /api/v1/office-key HTTP/1.1\\r\\nHost: {HOST}\\r\\nX-Big: BIG\\r\\n\\r\\n
            malformed request line            | 400 | GET /api/v1/office-key HTTP/1.1 extra\\r\\nHost: {HOST}\\r\\n\\r\\n
            unparseable Content-Length        | 400 | POST /api/v1/tips HTTP/1.1\\r\\nHost: {HOST}\\r\\nContent-Length: abc\\r\\n\\r\\n{}
            two Content-Length headers        | 400 | POST /api/v1/tips HTTP/1.1\\r\\nHost: {HOST}\\r\\nContent-Length: 2\\r\\nContent-Length: 2\\r\\n\\r\\n{}
            control character in a header     | 400 | GET /api/v1/office-key HTTP/1.1\\r\\nHost: {HOST}\\r\\nX-A: a\\u001bb\\r\\n\\r\\n
            bad percent escape in the target  | 400 | GET /api/v1/review/tips/%zz HTTP/1.1\\r\\nHost: {HOST}\\r\\n\\r\\n
            """)
    void codecRefusalsHaveTheirDocumentedStatusAndNoBody(String name, int status, String request) throws Exception {
        String raw = request.replace("\\r\\n", "\r\n").replace("\\u001b", "\u001b")
                .replace("LONG", "x".repeat(2100)).replace("BIG", "b".repeat(9000));
        RawHttp.Answer answer = send(raw);
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body()).isEmpty();
    }
}
