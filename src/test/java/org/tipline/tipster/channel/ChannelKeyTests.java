package org.tipline.tipster.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.ChannelKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.fuzz.RawHttp;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.Channels;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * Intake's side of channels: a tip takes its channel's name and program; a key that opens
 * nothing gets 401 channel-key, writes nothing and costs no Argon2id and no seal; a post
 * without a key is the keyless channel's; CORS grants follow the channels' origins.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ChannelKeyTests {

    private static final String LISTED = "https://listed.channel-tests.example";
    private static final String OTHER_LISTED = "https://second.channel-tests.example";
    private static final String UNLISTED = "https://unlisted.channel-tests.example";

    @TestHTTPResource("/")
    URL tipline;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;
    @Inject
    ChannelDirectory directory;
    @Inject
    MeterRegistry metrics;

    private TipRows rows;
    private String key;
    private String otherKey;
    private String name;

    @BeforeEach
    void channels() {
        rows = new TipRows(dataSource);
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        String admin = accounts.login(accounts.create("key-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
        name = Channels.name("site");
        key = Channels.create(admin, name, List.of(LISTED));
        otherKey = Channels.create(admin, Channels.name("other"), List.of(OTHER_LISTED));
        directory.refresh().await().indefinitely();
    }

    private List<Double> expensiveWork() {
        return List.of(metrics.get("tipline.kdf.tasks").counter().count(),
                metrics.get("tipline.office-key.seals").counter().count());
    }

    @Test
    void aKeyedTipCarriesItsChannelAndAKeylessOneTheBuiltInChannel() {
        String reference = Channels.postTip(key, "keyed").then().statusCode(201).extract().path("reference");
        assertThat(rows.query("select channel, program from tip where reference = ?", reference).get(0))
                .containsEntry("channel", name).containsEntry("program", "default");
        String keyless = Channels.postTip(null, "keyless").then().statusCode(201).extract().path("reference");
        assertThat(rows.query("select channel from tip where reference = ?", keyless).get(0))
                .containsEntry("channel", "web");
    }

    @Test
    void aKeyThatOpensNothingIs401AndCostsNothing() {
        String unknown = ChannelKeys.newKey(new SecureRandom());
        for (String bad : List.of(unknown, key + "x", key.substring(0, key.length() - 1), "tlr_" + key.substring(4),
                key.toUpperCase(), "Bearer " + key)) {
            long before = rows.count();
            List<Double> work = expensiveWork();
            Channels.postTip(bad, "refused key").then().log().ifValidationFails().statusCode(401)
                    .contentType("application/problem+json")
                    .header("Cache-Control", "no-store")
                    .body("type", equalTo("/problems/channel-key"))
                    .body(not(containsString(key.substring(4, 20))))
                    .body(not(containsString(unknown.substring(4, 20))));
            assertThat(rows.count()).as("no row for %s", bad).isEqualTo(before);
            assertThat(expensiveWork()).as("no Argon2id, no seal").isEqualTo(work);
        }
    }

    @Test
    void anEmptyKeyHeaderIsAMalformedKeyNotAKeylessTip() throws Exception {
        long before = rows.count();
        byte[] body = "{\"category\":\"drugs\",\"description\":\"an empty key\"}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(URI.create(tipline.toString()))) {
            for (String empty : List.of("", " ")) {
                RawHttp.Answer answer = http.exchange(RawHttp.request("POST /api/v1/tips HTTP/1.1", List.of(
                        new String[] {"Host", http.authority()}, new String[] {"Content-Type", "application/json"},
                        new String[] {"X-Tipline-Channel-Key", empty},
                        new String[] {"Content-Length", Integer.toString(body.length)}), body), false);
                assertThat(answer.status()).as("X-Tipline-Channel-Key: '%s'", empty).isEqualTo(401);
                assertThat(answer.bodyText()).contains("/problems/channel-key");
            }
        }
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void aPreflightFromAListedOriginGetsExactlyTheGrant() {
        for (String origin : List.of(LISTED, OTHER_LISTED)) {
            var response = given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,x-tipline-channel-key")
                    .options("/api/v1/tips").then().statusCode(204)
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "POST")
                    .header("Access-Control-Allow-Headers", "content-type, x-tipline-channel-key, x-tipline-proof")
                    .header("Access-Control-Max-Age", "600")
                    .header("Vary", "Origin")
                    .header("Access-Control-Allow-Credentials", nullValue())
                    .extract();
            assertThat(response.body().asString()).isEmpty();
        }
        given().header("Origin", LISTED).header("Access-Control-Request-Method", "GET")
                .options("/api/v1/followup").then().statusCode(204)
                .header("Access-Control-Allow-Origin", LISTED)
                .header("Access-Control-Allow-Methods", "GET")
                .header("Access-Control-Allow-Headers",
                        "content-type, x-tipline-channel-key, x-tipline-proof, authorization")
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", LISTED).header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/followup/session").then().statusCode(204)
                .header("Access-Control-Allow-Methods", "POST, DELETE");
    }

    @Test
    void everyOtherPreflightGetsNoCorsHeaderAtAll() {
        assertNoCors(given().header("Origin", UNLISTED).header("Access-Control-Request-Method", "POST")
                .options("/api/v1/tips").then().statusCode(204).extract().headers());
        // A tip post that will not carry a channel key: keyless tips are for tipline's own page.
        assertNoCors(given().header("Origin", LISTED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-tipline-proof")
                .options("/api/v1/tips").then().statusCode(204).extract().headers());
        // A method the path does not serve.
        assertNoCors(given().header("Origin", LISTED).header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/tips").then().statusCode(204).extract().headers());
        // The office API, from a listed origin.
        for (String path : List.of("/api/v1/review/tips", "/api/v1/review/session", "/api/v1/review/channels")) {
            assertNoCors(given().header("Origin", LISTED).header("Access-Control-Request-Method", "GET")
                    .options(path).then().extract().headers());
        }
        // An origin that differs only in case, port or scheme is another origin.
        for (String origin : List.of("https://LISTED.channel-tests.example", LISTED + ":8443",
                "http://listed.channel-tests.example", LISTED + "/", "null")) {
            assertNoCors(given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .options("/api/v1/tips").then().extract().headers());
        }
    }

    @Test
    void anActualTipGetsTheGrantOnlyFromAnOriginOfItsOwnChannel() {
        Channels.postTipFrom(LISTED, key, "from its own origin").then().statusCode(201)
                .header("Access-Control-Allow-Origin", LISTED)
                .header("Access-Control-Expose-Headers", "Retry-After")
                .header("Vary", "Origin")
                .header("Access-Control-Allow-Credentials", nullValue());
        // This channel's key from an origin it does not list: a browser would hide the receipt, so
        // the tip is not taken at all.
        long before = rows.count();
        assertNoCors(Channels.postTipFrom(OTHER_LISTED, key, "from another channel's origin").then().statusCode(403)
                .contentType("application/problem+json").extract().headers());
        assertNoCors(Channels.postTipFrom(UNLISTED, key, "unlisted").then().statusCode(403).extract().headers());
        assertThat(rows.count()).isEqualTo(before);
        // Keyless tips are the built-in page's, on tipline's own origin: no grant elsewhere.
        assertNoCors(Channels.postTipFrom(LISTED, null, "keyless from a listed origin").then().statusCode(201)
                .extract().headers());
        // A key that opens nothing: its 401 is readable from an origin a channel lists, not from others.
        Channels.postTipFrom(LISTED, "tlc_nonsense", "bad key").then().statusCode(401)
                .header("Access-Control-Allow-Origin", LISTED);
        assertNoCors(Channels.postTipFrom(UNLISTED, "tlc_nonsense", "bad key").then().statusCode(401)
                .extract().headers());
        // The follow-up is granted to the origin of any channel (a tipster coming back carries no key).
        given().header("Origin", OTHER_LISTED).get("/api/v1/followup").then().statusCode(401)
                .header("Access-Control-Allow-Origin", OTHER_LISTED);
        assertNoCors(given().header("Origin", UNLISTED).get("/api/v1/followup").then().statusCode(401)
                .extract().headers());
        assertThat(otherKey).isNotEqualTo(key);
    }

    @Test
    void aRevokedChannelsOriginsLoseTheirGrant() {
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        String admin = accounts.login(accounts.create("key-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
        String origin = "https://short-lived.channel-tests.example";
        String shortLived = Channels.name("short");
        Channels.create(admin, shortLived, List.of(origin));
        directory.refresh().await().indefinitely();
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-tipline-channel-key").options("/api/v1/tips")
                .then().statusCode(204).header("Access-Control-Allow-Origin", origin);
        given().auth().oauth2(admin).post("/api/v1/review/channels/" + shortLived + "/revoke").then().statusCode(200);
        directory.refresh().await().indefinitely();
        assertNoCors(given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .options("/api/v1/tips").then().statusCode(204).extract().headers());
    }

    private static void assertNoCors(io.restassured.http.Headers headers) {
        assertThat(headers.asList()).noneMatch(header -> header.getName().toLowerCase().startsWith("access-control-"));
    }

}
