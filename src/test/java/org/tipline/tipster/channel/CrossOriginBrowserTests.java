package org.tipline.tipster.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.Channels;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * A partner's page on another origin, in headless Chromium (Debian's chromium driven by
 * playwright-core): on an origin its channel lists, it fetches a challenge, solves it and
 * posts a tip with its channel key, and reads the 201 receipt; the same page on an origin no
 * channel lists is stopped by the browser itself, and nothing is stored; a revoked key's 401
 * is what the page reads. The pages are served by this test on loopback ports of their own.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class CrossOriginBrowserTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL tipline;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;
    @Inject
    ChannelDirectory directory;

    private HttpServer listed;
    private HttpServer unlisted;
    private TipRows rows;
    private String admin;

    @BeforeEach
    void pages() throws IOException {
        NodeTools.requireBrowser();
        listed = pageServer();
        unlisted = pageServer();
        rows = new TipRows(dataSource);
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        admin = accounts.login(accounts.create("browser-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
    }

    @AfterEach
    void stop() {
        if (listed != null) {
            listed.stop(0);
        }
        if (unlisted != null) {
            unlisted.stop(0);
        }
    }

    @Test
    void aListedOriginPostsWithASolvedChallengeAndAnUnlistedOneIsStoppedByTheBrowser() throws Exception {
        String name = Channels.name("county-site");
        String key = Channels.create(admin, name, List.of(origin(listed)), true);
        directory.refresh().await().indefinitely();

        JsonNode posted = open(listed, key, true, "posted from a partner page");
        assertThat(posted.path("result").path("status").asInt()).as(posted.toString()).isEqualTo(201);
        String reference = posted.path("result").path("body").path("reference").asText();
        assertThat(rows.query("select channel from tip where reference = ?", reference).get(0))
                .containsEntry("channel", name);

        // A channel without proof-of-work, so that nothing but CORS stands between the page and a
        // stored tip: from an origin no channel lists, the browser does not let the post through.
        String trusted = Channels.create(admin, Channels.name("county-server"), List.of(origin(listed)), false);
        directory.refresh().await().indefinitely();
        long before = rows.count();
        JsonNode refused = open(unlisted, trusted, false, "posted from a page no channel lists");
        assertThat(refused.path("result").path("error").asText()).as(refused.toString()).contains("Failed to fetch");
        assertThat(refused.path("consoleErrors").toString()).contains("CORS policy");
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void aRevokedKeysRefusalIsWhatThePageReads() throws Exception {
        Channels.create(admin, Channels.name("still-listed"), List.of(origin(listed)), false);
        String revokedName = Channels.name("revoked");
        String revoked = Channels.create(admin, revokedName, List.of(origin(listed)), false);
        given().auth().oauth2(admin).post("/api/v1/review/channels/" + revokedName + "/revoke").then().statusCode(200);
        directory.refresh().await().indefinitely();
        long before = rows.count();
        JsonNode answer = open(listed, revoked, false, "posted with a revoked key");
        assertThat(answer.path("result").path("status").asInt()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.path("result").path("body").path("type").asText()).isEqualTo("/problems/channel-key");
        assertThat(rows.count()).isEqualTo(before);
    }

    /** Opens the partner page on {@code server}'s origin and returns what it reported. */
    private JsonNode open(HttpServer server, String key, boolean solve, String description) throws Exception {
        String base = tipline.toString().replaceAll("/$", "");
        String url = origin(server) + "/page.html?tipline=" + encode(base) + "&key=" + encode(key)
                + "&solve=" + (solve ? "1" : "0") + "&description=" + encode(description);
        Path profiles = Files.createDirectories(Path.of("target", "browser-profiles").toAbsolutePath());
        String output = NodeTools.run(Map.of("TIPLINE_BROWSER_PROFILES", profiles.toString()), "open-page.mjs", url,
                "90000");
        String[] lines = output.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpServer pageServer() throws IOException {
        byte[] page;
        try (InputStream in = CrossOriginBrowserTests.class.getResourceAsStream("/browser/partner-page.html")) {
            page = in.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }
}
