package org.tipline.platform.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.fuzz.RawHttp;
import org.tipline.testing.Routes;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * The HTTP metrics (management port) tag requests with the endpoint's template, never with
 * the path a client sent: no tip reference and no client text ends up in a metric tag, and
 * made-up paths cannot fill the metrics' 100 URI tags. The API fuzz hit that limit.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class MetricTagTests {

    private static final Pattern URI_TAG = Pattern.compile("^http_server_requests_seconds_count\\{.*uri=\"([^\"]*)\"",
            Pattern.MULTILINE);
    /** What Quarkus writes for a request that matched no template. */
    private static final Set<String> WORDS = Set.of("root", "UNKNOWN", "NOT_FOUND", "REDIRECTION");

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource("/")
    URI base;

    @Test
    void errorAnswersToUnmatchedPathsAreNotTaggedWithThePath() {
        String reference = Tipsters.submit("a tip whose reference must stay out of the metrics").reference();
        String marker = "MetricTagMarker" + System.nanoTime();
        given().delete("/api/v1/review/tips/" + reference).then().statusCode(405);
        given().put("/api/v1/review/accounts/" + marker).then().statusCode(405);
        given().get("/api/v1/" + marker).then().statusCode(404);

        String exposed = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(exposed).contains("http_server_requests_seconds_count").contains("status=\"405\",uri=\"UNKNOWN\"");
        assertThat(exposed).doesNotContain(reference).doesNotContain(marker);
    }

    /**
     * Whatever the answer (200 to an automatic OPTIONS, 204, 400, 401, 404, 405, a request
     * broken off), a path that the REST layer matched to no template is counted under a
     * fixed word, never under the path as sent: with {@code ;} matrix parameters, {@code %3B},
     * doubled slashes, or a made-up segment under a real path.
     */
    @Test
    void noSpellingOfAPathPutsClientTextInAUriTag() throws Exception {
        String marker = "zqxUriTag" + System.nanoTime();
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("OPTIONS /api/v1/tips;" + marker, 200);
        requests.put("OPTIONS /api/v1/tips;x=" + marker, 200);
        requests.put("OPTIONS /api/v1/followup;" + marker, 200);
        requests.put("OPTIONS /api/v1/office-key/" + marker, 200);
        requests.put("OPTIONS /api/v1/tips%3B" + marker, 404);
        requests.put("OPTIONS //" + marker, 404);
        requests.put("GET /api/v1/office-key;" + marker, 200);
        requests.put("HEAD /api/v1/office-key;" + marker, 200);
        requests.put("GET /api/v1/office-key%3B" + marker, 404);
        requests.put("GET //api/v1/" + marker, 404);
        requests.put("GET /api/v1/" + marker + "//", 404);
        requests.put("GET /" + marker, 404);
        requests.put("PUT /api/v1/tips;" + marker, 405);
        requests.put("TRACE /api/v1/tips;" + marker, 405);
        requests.put("POST /api/v1/tips;" + marker, 400);
        requests.put("GET /api/v1/followup;" + marker, 401);
        List<String> sent = new ArrayList<>(requests.keySet());
        try (RawHttp http = new RawHttp(base)) {
            for (Map.Entry<String, Integer> request : requests.entrySet()) {
                RawHttp.Answer answer = send(http, request.getKey(), "{}");
                assertThat(answer.status()).as(request.getKey()).isEqualTo(request.getValue());
            }
            for (String room : List.of("org.tipline.tipster", "org.tipline.office")) {
                for (Routes.Route route : Routes.of(room)) {
                    String target = "OPTIONS " + route.path() + ";" + marker;
                    sent.add(target);
                    assertThat(send(http, target, "").status()).as(target).isLessThan(500);
                }
            }
            Tipsters.Tipster tipster = Tipsters.submit("a tipster who signs out on a path with a matrix parameter");
            String token = given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session")
                    .then().statusCode(201).extract().path("token");
            RawHttp.Answer signOut = http.exchange(("DELETE /api/v1/followup;" + marker + "/session HTTP/1.1\r\nHost: "
                    + http.authority() + "\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), false);
            assertThat(signOut.status()).isEqualTo(204);
        }
        // A request broken off before its body is complete is counted as RESET, with its uri.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tips;" + marker + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"category\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // let the server take the request in before the connection goes
        }

        String exposed = awaitMetricsWith("status=\"RESET\"");
        Set<String> uris = new TreeSet<>();
        Matcher tag = URI_TAG.matcher(exposed);
        while (tag.find()) {
            uris.add(tag.group(1));
        }
        assertThat(exposed.toLowerCase()).as("metrics after %s", sent).doesNotContain(marker.toLowerCase());
        assertThat(uris).as("uri tags").allSatisfy(uri -> assertThat(WORDS.contains(uri)
                || uri.matches("/api/(openapi|v1/[a-z/{}-]+)")).as(uri).isTrue());
        assertThat(uris).as("templates still tag what they matched")
                .contains("/api/v1/tips", "/api/v1/followup/session", "/api/v1/office-key");
    }

    private static RawHttp.Answer send(RawHttp http, String methodAndTarget, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = methodAndTarget + " HTTP/1.1\r\nHost: " + http.authority() + "\r\n"
                + (bytes.length > 0 ? "Content-Type: application/json\r\n" : "")
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);
        return http.exchange(request, methodAndTarget.startsWith("HEAD "));
    }

    private String awaitMetricsWith(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String exposed = given().get(metrics).then().statusCode(200).extract().asString();
        while (!exposed.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            exposed = given().get(metrics).then().statusCode(200).extract().asString();
        }
        assertThat(exposed).as("the metrics count the broken-off request").contains(text);
        return exposed;
    }
}
