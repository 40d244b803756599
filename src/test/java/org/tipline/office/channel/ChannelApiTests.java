package org.tipline.office.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.ChannelKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.Channels;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tipster.channel.ChannelDirectory;

/**
 * A channel's life through the admin API: its key is shown once and stored only as a hash,
 * a rotation stops the old key, a revocation stops the channel at the next reload, every
 * change has its audit entry, and only an admin may do any of it.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ChannelApiTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;
    @Inject
    ChannelDirectory directory;

    private OfficeAccounts accounts;
    private TipRows rows;
    private String admin;

    @BeforeEach
    void signIn() {
        accounts = new OfficeAccounts(dataSource, officeKey);
        rows = new TipRows(dataSource);
        admin = accounts.login(accounts.create("chan-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
    }

    private void reload() {
        directory.refresh().await().indefinitely();
    }

    private long audits(String action, String name) {
        return rows.queryLong("select count(*) from audit_entry where action = '" + action + "' and detail like '%\""
                + name + "\"%'");
    }

    @Test
    void aChannelLivesFromCreationThroughRotationToRevocation() {
        String name = Channels.name("county");
        String key = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("name", name, "program", "metro", "origins",
                        List.of("https://County.Example.org:443", "http://localhost:5173"), "tipsPerHour", 50))
                .post("/api/v1/review/channels").then().statusCode(201)
                .body("channel.name", equalTo(name))
                .body("channel.program", equalTo("metro"))
                .body("channel.origins", equalTo(List.of("http://localhost:5173", "https://county.example.org")))
                .body("channel.tipsPerHour", equalTo(50))
                .body("channel.proofOfWork", equalTo(true))
                .body("channel.active", equalTo(true))
                .body("key", matchesPattern("tlc_[A-Za-z0-9_-]{43}"))
                .extract().path("key");
        assertThat(audits("channel.create", name)).isEqualTo(1);

        // Stored only as its SHA-256: no column of the channel or the audit log holds the key.
        List<Map<String, Object>> stored = rows.query("select key_hash, row_to_json(channel)::text as json from channel "
                + "where name = ?", name);
        assertThat((byte[]) stored.get(0).get("key_hash")).isEqualTo(ChannelKeys.hash(key));
        assertThat((String) stored.get(0).get("json")).doesNotContain(key).doesNotContain(key.substring(4));
        assertThat(rows.queryLong("select count(*) from audit_entry where detail like '%" + key.substring(4, 20)
                + "%' or detail like '%" + HexFormat.of().formatHex(ChannelKeys.hash(key)).substring(0, 16) + "%'"))
                .isZero();
        // The list never shows a key.
        given().auth().oauth2(admin).get("/api/v1/review/channels").then().statusCode(200)
                .body("name", hasItem(name))
                .body(not(containsString(key.substring(4))))
                .body("find { it.name == '" + name + "' }.key", equalTo(null));

        reload();
        String reference = Channels.postTipWithProof(key, "through the county site").then().statusCode(201)
                .extract().path("reference");
        Map<String, Object> tip = rows.query("select channel, program from tip where reference = ?", reference).get(0);
        assertThat(tip).containsEntry("channel", name).containsEntry("program", "metro");

        String newKey = given().auth().oauth2(admin).post("/api/v1/review/channels/" + name + "/rotate")
                .then().statusCode(200).body("key", matchesPattern("tlc_[A-Za-z0-9_-]{43}"))
                .body("channel.name", equalTo(name)).extract().path("key");
        assertThat(newKey).isNotEqualTo(key);
        assertThat(audits("channel.rotate", name)).isEqualTo(1);
        reload();
        long before = rows.count();
        Channels.postTip(key, "old key").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/channel-key"));
        assertThat(rows.count()).isEqualTo(before);
        Channels.postTipWithProof(newKey, "new key").then().statusCode(201);

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("tipsPerHour", 0,
                        "proofOfWork", false, "origins", List.of("https://other.example.org")))
                .patch("/api/v1/review/channels/" + name).then().statusCode(200)
                .body("tipsPerHour", equalTo(null)).body("proofOfWork", equalTo(false))
                .body("origins", equalTo(List.of("https://other.example.org")));
        assertThat(audits("channel.update", name)).isEqualTo(1);
        reload();
        Channels.postTip(newKey, "a trusted partner now: no proof").then().statusCode(201);

        given().auth().oauth2(admin).post("/api/v1/review/channels/" + name + "/revoke").then().statusCode(200)
                .body("active", equalTo(false));
        assertThat(audits("channel.revoke", name)).isEqualTo(1);
        reload();
        before = rows.count();
        Channels.postTip(newKey, "revoked").then().statusCode(401).body("type", equalTo("/problems/channel-key"));
        assertThat(rows.count()).isEqualTo(before);

        // A revoked channel stays revoked, and its name is not reused.
        given().auth().oauth2(admin).post("/api/v1/review/channels/" + name + "/rotate").then().statusCode(409);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("name", name))
                .post("/api/v1/review/channels").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/conflict"));
    }

    @Test
    void creatingOneNameAtOnceGivesOneChannelAndConflictsNeverAServerError() throws Exception {
        String name = Channels.name("race");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(admin).contentType("application/json")
                        .body(Map.of("name", name)).post("/api/v1/review/channels").statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audits("channel.create", name)).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemThatStoresNothing() {
        long channels = rows.queryLong("select count(*) from channel");
        long audit = rows.auditCount();
        for (Object origins : List.of(List.of("https://*.example.org"), List.of("https://a.example.org/tips"),
                List.of("http://county.example.org"), List.of("ftp://a.example.org"), List.of("https://user@a.example.org"),
                List.of("https://a.example.org?x=1"), List.of("county.example.org"), List.of(""),
                List.of("https://a.example.org/"), List.of("https://a.example.org:99999"))) {
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("name", Channels.name("bad"), "origins", origins))
                    .post("/api/v1/review/channels").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("origins"))
                    .body(not(containsString("a.example.org")));
        }
        for (String name : List.of("A-Caps", "x", "web", "under_score", "-lead")) {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("name", name))
                    .post("/api/v1/review/channels").then().statusCode(400).body("errors[0].field", equalTo("name"));
        }
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("name", Channels.name("q"),
                "tipsPerHour", -1)).post("/api/v1/review/channels").then().statusCode(400)
                .body("errors[0].field", equalTo("tipsPerHour"));
        given().auth().oauth2(admin).post("/api/v1/review/channels/no-such-channel/revoke").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of())
                .patch("/api/v1/review/channels/no-such-channel").then().statusCode(400);
        assertThat(rows.queryLong("select count(*) from channel")).isEqualTo(channels);
        assertThat(rows.auditCount()).isEqualTo(audit);
    }

    @Test
    void onlyAnAdminManagesChannels() {
        String coordinator = accounts.login(accounts.create("chan-coord",
                List.of(ReviewerRole.COORDINATOR, ReviewerRole.AUDITOR), List.of("default"), null));
        String name = Channels.name("nope");
        given().auth().oauth2(coordinator).get("/api/v1/review/channels").then().statusCode(403);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("name", name))
                .post("/api/v1/review/channels").then().statusCode(403);
        given().contentType("application/json").body(Map.of("name", name))
                .post("/api/v1/review/channels").then().statusCode(401);
        String existing = Channels.name("kept");
        Channels.create(admin, existing, List.of());
        given().auth().oauth2(coordinator).post("/api/v1/review/channels/" + existing + "/revoke").then().statusCode(403);
        given().auth().oauth2(coordinator).post("/api/v1/review/channels/" + existing + "/rotate").then().statusCode(403);
        assertThat(rows.queryLong("select count(*) from channel where name = '" + name + "'")).isZero();
        assertThat(rows.queryLong("select count(*) from channel where name = '" + existing
                + "' and revoked_at is null")).isEqualTo(1);
    }
}
