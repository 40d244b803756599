package org.tipline.tipster.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;

/**
 * Every credential that does not open a mailbox gets the same answer, byte for byte, so a
 * guesser learns nothing about which references exist or were erased.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class TipsterSignInTests {

    @Inject
    AgroalDataSource dataSource;

    private static String otherPassphrase(String passphrase) {
        SecureRandom random = new SecureRandom();
        String other;
        do {
            other = TipsterPassphrase.generate(random);
        } while (other.equals(passphrase));
        return other;
    }

    @Test
    void aWrongPassphraseAnUnknownReferenceAndErasedAccessAreAnsweredIdentically() {
        Tipster tipster = Tipsters.submit("Stolen catalytic converters in the yard");
        Tipster erased = Tipsters.submit("Another tip whose tipster erases access");
        given().header("Authorization", erased.authorization()).delete("/api/v1/followup/access").then().statusCode(204);

        Response wrongPassphrase = given().header("Authorization",
                Tipsters.header(tipster.reference(), otherPassphrase(tipster.passphrase()))).get("/api/v1/followup");
        Response unknownReference = given().header("Authorization",
                Tipsters.header("TIP-ZZZZ-ZZZZ-ZZZZ-ZZZZ", tipster.passphrase())).get("/api/v1/followup");
        Response erasedAccess = erased.mailbox();
        Response unknownToken = given().auth().oauth2("tlf_" + "A".repeat(43)).get("/api/v1/followup");
        Response malformed = given().header("Authorization", "Tipster not-base64!").get("/api/v1/followup");
        Response missing = given().get("/api/v1/followup");

        for (Response response : List.of(wrongPassphrase, unknownReference, erasedAccess, unknownToken, malformed, missing)) {
            response.then().statusCode(401).contentType("application/problem+json");
            assertThat(response.asByteArray()).isEqualTo(wrongPassphrase.asByteArray());
            assertThat(response.header("WWW-Authenticate")).isEqualTo(wrongPassphrase.header("WWW-Authenticate"));
            assertThat(headerNames(response)).isEqualTo(headerNames(wrongPassphrase));
        }
        assertThat(wrongPassphrase.asString()).doesNotContain(tipster.reference()).doesNotContain(tipster.passphrase());
        // The same for replies and sessions.
        Response replyUnknown = given().header("Authorization", Tipsters.header("TIP-ZZZZ-ZZZZ-ZZZZ-ZZZZ", tipster.passphrase()))
                .contentType("application/json").body(Map.of("text", "hello")).post("/api/v1/followup/messages");
        replyUnknown.then().statusCode(401);
        assertThat(replyUnknown.asByteArray()).isEqualTo(wrongPassphrase.asByteArray());
    }

    @Test
    void thePassphraseIsForgivingAboutCaseAndSpacingOnly() {
        Tipster tipster = Tipsters.submit("Someone deals from the bus shelter");
        String shouted = "  " + tipster.passphrase().toUpperCase().replace(" ", "   ") + "\t";
        given().header("Authorization", Tipsters.header(tipster.reference().toLowerCase(), shouted))
                .get("/api/v1/followup").then().statusCode(200);
        String sixWords = tipster.passphrase().substring(0, tipster.passphrase().lastIndexOf(' '));
        given().header("Authorization", Tipsters.header(tipster.reference(), sixWords)).get("/api/v1/followup")
                .then().statusCode(401);
    }

    @Test
    void aRefusedSignInWritesNothing() {
        TipRows rows = new TipRows(dataSource);
        Tipster tipster = Tipsters.submit("Fencing stolen tools online");
        long sessions = rows.queryLong("select count(*) from followup_session");
        long messages = rows.queryLong("select count(*) from tip_message");
        given().header("Authorization", Tipsters.header(tipster.reference(), otherPassphrase(tipster.passphrase())))
                .post("/api/v1/followup/session").then().statusCode(401);
        given().header("Authorization", Tipsters.header(tipster.reference(), otherPassphrase(tipster.passphrase())))
                .contentType("application/json").body(Map.of("text", "forged")).post("/api/v1/followup/messages")
                .then().statusCode(401);
        given().header("Authorization", Tipsters.header(tipster.reference(), otherPassphrase(tipster.passphrase())))
                .delete("/api/v1/followup/access").then().statusCode(401);
        assertThat(rows.queryLong("select count(*) from followup_session")).isEqualTo(sessions);
        assertThat(rows.queryLong("select count(*) from tip_message")).isEqualTo(messages);
        assertThat(rows.query("select d.tipster_key from tip t join tip_dialogue d on d.tip_id = t.id where t.reference = ?",
                tipster.reference()).get(0).get("tipster_key"))
                .isNotNull();
    }

    @Test
    void badBodiesGetProblemsAndWriteNothing() {
        TipRows rows = new TipRows(dataSource);
        Tipster tipster = Tipsters.submit("Car thefts on Elm Street");
        long messages = rows.queryLong("select count(*) from tip_message");
        given().header("Authorization", tipster.authorization()).contentType("application/json").body("{\"text\":")
                .post("/api/v1/followup/messages").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", tipster.authorization()).contentType("application/json")
                .body(Map.of("text", "hi", "from", "office")).post("/api/v1/followup/messages")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", tipster.authorization()).contentType("application/json").body(Map.of("text", " "))
                .post("/api/v1/followup/messages").then().statusCode(400);
        given().header("Authorization", tipster.authorization()).contentType("application/json")
                .body(Map.of("text", "x".repeat(5_001))).post("/api/v1/followup/messages").then().statusCode(400);
        given().header("Authorization", tipster.authorization()).contentType("text/plain").body("hello")
                .post("/api/v1/followup/messages").then().statusCode(415).contentType("application/problem+json");
        assertThat(rows.queryLong("select count(*) from tip_message")).isEqualTo(messages);
    }

    private static TreeSet<String> headerNames(Response response) {
        TreeSet<String> names = new TreeSet<>();
        response.headers().forEach(header -> names.add(header.getName().toLowerCase()));
        names.remove("date");
        return names;
    }
}
