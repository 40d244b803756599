package org.tipline.tipster.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.Channels;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * What a channel's settings decide at intake: a channel that must solve proof-of-work gets
 * {@code proof-missing} without a proof and 201 with one; a trusted partner's channel posts
 * without one; a channel's quota of tips per hour refuses the tip past it with 429
 * {@code quota-spent} and Retry-After, writing nothing.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ChannelAdmissionTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;
    @Inject
    ChannelDirectory directory;

    private TipRows rows;
    private String admin;

    @BeforeEach
    void admin() {
        rows = new TipRows(dataSource);
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        admin = accounts.login(accounts.create("admission-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
    }

    @Test
    void aChannelThatMustSolveProofOfWorkIsRefusedWithoutAProofAndTakenWithOne() {
        String key = Channels.create(admin, Channels.name("app"), List.of(), true);
        String trusted = Channels.create(admin, Channels.name("server"), List.of(), false);
        directory.refresh().await().indefinitely();
        long before = rows.count();
        Channels.postTip(key, "no proof").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/proof-missing"));
        assertThat(rows.count()).isEqualTo(before);
        given().contentType("application/json").header("X-Tipline-Channel-Key", key)
                .header(Proofs.HEADER, Proofs.fresh())
                .body(Map.of("category", "drugs", "description", "with a proof")).post("/api/v1/tips")
                .then().statusCode(201).body("reference", notNullValue());
        Channels.postTip(trusted, "a trusted partner").then().statusCode(201);
        assertThat(rows.count()).isEqualTo(before + 2);
    }

    @Test
    void aChannelsQuotaRefusesTheTipPastItWithoutWritingIt() {
        String name = Channels.name("quota");
        String key = Channels.create(admin, name, List.of(), false);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("tipsPerHour", 2))
                .patch("/api/v1/review/channels/" + name).then().statusCode(200).body("tipsPerHour", equalTo(2));
        directory.refresh().await().indefinitely();
        Channels.postTip(key, "first").then().statusCode(201);
        Channels.postTip(key, "second").then().statusCode(201);
        long before = rows.count();
        Channels.postTip(key, "third").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("/problems/quota-spent"));
        assertThat(rows.count()).isEqualTo(before);
    }
}
