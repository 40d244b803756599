package org.tipline.tipster.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.MessageSealing;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.LeakScan;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;

/**
 * The anonymous conversation end to end: the tipster gets a passphrase, the office asks,
 * the tipster reads and answers, the office reads the answer. Each step is checked in the
 * database, where no message is readable.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class FollowupRoundTripTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;
    private OfficeAccounts accounts;
    private String coordinator;

    @BeforeEach
    void signInCoordinator() {
        rows = new TipRows(dataSource);
        accounts = new OfficeAccounts(dataSource, officeKey);
        coordinator = accounts.login(accounts.create("coord", List.of(ReviewerRole.COORDINATOR), List.of("default"), null));
    }

    @Test
    void theReceiptCarriesASevenWordPassphraseThatIsStoredOnlyAsAnArgon2idVerifier() {
        Response receipt = given().contentType("application/json")
                .body(Map.of("category", "theft", "description", "Stolen bikes in the garage on 5th"))
                .post("/api/v1/tips");
        receipt.then().statusCode(201).header("Cache-Control", "no-store");
        String passphrase = receipt.path("passphrase");
        assertThat(passphrase.split(" ")).hasSize(7).allSatisfy(word -> assertThat(TipsterPassphrase.WORDLIST).contains(word));
        assertThat(receipt.<String>path("notice")).contains("only this once").contains("Nobody can recover or reset");

        Map<String, Object> row = rows.query("select d.tipster_kdf, d.tipster_verifier, d.tipster_key, d.office_dialogue_key, "
                + "d.dialogue_key_id, t.dialogue_state from tip t join tip_dialogue d on d.tip_id = t.id where t.reference = ?",
                receipt.<String>path("reference")).get(0);
        assertThat((String) row.get("tipster_kdf")).matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}");
        assertThat((byte[]) row.get("tipster_verifier")).hasSize(32);
        assertThat((byte[]) row.get("tipster_key")).hasSize(12 + 32 + 16);
        assertThat((byte[]) row.get("office_dialogue_key")).isNotEmpty();
        assertThat(row.get("dialogue_state")).isEqualTo("open");
        for (Object value : row.values()) {
            if (value instanceof byte[] bytes) {
                assertThat(LeakScan.indexOf(bytes, LeakScan.utf8(passphrase))).isNegative();
            } else if (value != null) {
                assertThat(value.toString()).doesNotContain(passphrase.split(" ")[0] + " " + passphrase.split(" ")[1]);
            }
        }
    }

    @Test
    void officeAsksTipsterReadsAndAnswersOfficeReadsTheAnswer() {
        Tipster tipster = Tipsters.submit("A van parks behind the school every night");
        tipster.mailbox().then().statusCode(200).header("Cache-Control", "no-store")
                .body("reference", equalTo(tipster.reference()))
                .body("status", equalTo("received"))
                .body("dialogue", equalTo("open"))
                .body("reward", nullValue())
                .body("messages.size()", equalTo(0));

        String question = "What colour is the van? QUESTION-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", question))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages")
                .then().statusCode(201).body("number", equalTo(1)).body("from", equalTo("office"));
        List<Map<String, Object>> stored = messagesOf(tipster.reference());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("sender", "office").containsEntry("message_no", 1);
        assertThat(LeakScan.indexOf((byte[]) stored.get(0).get("ciphertext"), LeakScan.utf8(question))).isNegative();
        assertThat(rows.queryLong("select count(*) from audit_entry where action = 'dialogue.message' and tip_reference = '"
                + tipster.reference() + "'")).isEqualTo(1);

        tipster.mailbox().then().statusCode(200)
                .body("status", equalTo("more-information-needed"))
                .body("messages[0].from", equalTo("office"))
                .body("messages[0].text", equalTo(question));

        String answer = "It is white, with a ladder on top. ANSWER-" + UUID.randomUUID();
        tipster.reply(answer).then().statusCode(201).body("number", equalTo(2));
        stored = messagesOf(tipster.reference());
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1)).containsEntry("sender", "tipster").containsEntry("author", null);
        assertThat(LeakScan.indexOf((byte[]) stored.get(1).get("ciphertext"), LeakScan.utf8(answer))).isNegative();

        long readsBefore = rows.queryLong("select count(*) from audit_entry where action = 'dialogue.read'");
        Response thread = given().auth().oauth2(coordinator).queryParam("purpose", "follow-up on the van")
                .get("/api/v1/review/tips/" + tipster.reference() + "/messages");
        thread.then().statusCode(200).body("messages.size()", equalTo(2))
                .body("messages[0].text", equalTo(question))
                .body("messages[1].from", equalTo("tipster"))
                .body("messages[1].text", equalTo(answer));
        assertThat(rows.queryLong("select count(*) from audit_entry where action = 'dialogue.read'")).isEqualTo(readsBefore + 1);
        tipster.mailbox().then().statusCode(200).body("status", equalTo("received")).body("messages.size()", equalTo(2));
    }

    @Test
    void aConversationReadThatCannotOpenItsKeyIsRefusedAndStillRecorded() {
        Tipster first = Tipsters.submit("Stolen bikes in the garage on Elm Street");
        Tipster second = Tipsters.submit("Someone else's tip");
        String path = "/api/v1/review/tips/" + first.reference() + "/messages";
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", "Which garage?"))
                .post(path).then().statusCode(201);
        // The first tip's office copy of its dialogue key replaced by the second tip's: it no longer opens here.
        rows.update("update tip_dialogue set office_dialogue_key = (select d.office_dialogue_key from tip_dialogue d "
                + "join tip t on t.id = d.tip_id where t.reference = ?) "
                + "where tip_id = (select id from tip where reference = ?)", second.reference(), first.reference());

        long readsBefore = rows.queryLong("select count(*) from audit_entry where action = 'dialogue.read'");
        given().auth().oauth2(coordinator).queryParam("purpose", "checking a swapped key").get(path)
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(rows.queryLong("select count(*) from audit_entry where action = 'dialogue.read'"))
                .as("the attempt to read is recorded, as docs/review.md says").isEqualTo(readsBefore + 1);
    }

    @Test
    void aCopyOfTheDatabaseWithThePublicKeysetOpensNoMessage() throws Exception {
        Tipster tipster = Tipsters.submit("Counterfeit notes at the market stall");
        String question = "SECRET-QUESTION-" + UUID.randomUUID();
        String answer = "SECRET-ANSWER-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", question))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages").then().statusCode(201);
        tipster.reply(answer).then().statusCode(201);
        given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session").then().statusCode(201);

        // Everything the database holds for this tip, as text: neither message is in it.
        StringBuilder dump = new StringBuilder();
        for (String table : List.of("tip", "tip_dialogue", "tip_message", "followup_session", "audit_entry")) {
            for (Map<String, Object> row : rows.query("select t::text as row from " + table + " t")) {
                dump.append(row.get("row")).append('\n');
            }
        }
        assertThat(dump.toString()).doesNotContain(question).doesNotContain(answer).doesNotContain(tipster.passphrase());

        // Every stored byte string of the tip, its sessions and its messages, used as a key or
        // as keying material for each purpose tipline derives with: none opens a message.
        UUID tipId = (UUID) rows.query("select id from tip where reference = ?", tipster.reference()).get(0).get("id");
        List<byte[]> material = new ArrayList<>();
        for (String table : List.of("select * from tip where id = ?", "select * from tip_dialogue where tip_id = ?")) {
            for (Map<String, Object> row : rows.query(table, tipId)) {
                row.values().stream().filter(byte[].class::isInstance).map(byte[].class::cast).forEach(material::add);
            }
        }
        for (Map<String, Object> row : rows.query("select token_hash, sealed_key from followup_session where tip_id = ?", tipId)) {
            row.values().stream().map(byte[].class::cast).forEach(material::add);
        }
        List<Map<String, Object>> messages = messagesOf(tipster.reference());
        List<DialogueKey> candidates = new ArrayList<>();
        for (byte[] bytes : material) {
            if (bytes.length >= 32) {
                candidates.add(DialogueKey.of(java.util.Arrays.copyOf(bytes, 32)));
            }
            for (String purpose : List.of(Bindings.FOLLOWUP_WRAPPING_KEY, Bindings.FOLLOWUP_VERIFIER,
                    Bindings.FOLLOWUP_SESSION_KEY)) {
                candidates.add(DialogueKey.derive(bytes, purpose));
            }
        }
        for (DialogueKey candidate : candidates) {
            for (Map<String, Object> message : messages) {
                int number = (Integer) message.get("message_no");
                String sender = (String) message.get("sender");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageSealing.open(candidate, tipId, number,
                        sender, 1, (byte[]) message.get("ciphertext"))).isInstanceOf(GeneralSecurityException.class);
            }
        }
    }

    @Test
    void aMessageMovedToAnotherNumberOrSenderNoLongerOpens() {
        Tipster tipster = Tipsters.submit("Someone sells stolen phones");
        tipster.reply("first FIRST").then().statusCode(201);
        tipster.reply("second SECOND").then().statusCode(201);
        UUID tipId = (UUID) rows.query("select id from tip where reference = ?", tipster.reference()).get(0).get("id");
        // Swap the two ciphertexts, and relabel the first as the office's.
        rows.update("update tip_message set ciphertext = (select ciphertext from tip_message where tip_id = ? and message_no = 2) "
                + "where tip_id = ? and message_no = 1", tipId, tipId);
        rows.update("update tip_message set sender = 'office' where tip_id = ? and message_no = 2", tipId);
        tipster.mailbox().then().statusCode(200)
                .body("messages[0].text", nullValue())
                .body("messages[1].text", nullValue());
    }

    @Test
    void aSessionTokenOpensTheMailboxUntilSignOut() {
        Tipster tipster = Tipsters.submit("Drugs sold from the red car");
        Response session = given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session");
        session.then().statusCode(201).header("Cache-Control", "no-store");
        String token = session.path("token");
        assertThat(token).matches("tlf_[A-Za-z0-9_-]{43}");
        assertThat(rows.queryLong("select count(*) from followup_session")).isPositive();
        assertThat(rows.query("select count(*) as n from followup_session where token_hash = sha256(?::bytea)", token)
                .get(0).get("n")).isEqualTo(1L);

        given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(200)
                .body("reference", equalTo(tipster.reference()));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "by token"))
                .post("/api/v1/followup/messages").then().statusCode(201).body("number", equalTo(1));

        given().auth().oauth2(token).delete("/api/v1/followup/session").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(401);
        // A session token cannot start another session: that takes the passphrase.
        given().auth().oauth2(token).post("/api/v1/followup/session").then().statusCode(401);
    }

    @Test
    void aClosedConversationTakesNoMoreMessagesFromEitherSide() {
        Tipster tipster = Tipsters.submit("Graffiti crew meets on Fridays");
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "closed"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/dialogue").then().statusCode(200)
                .body("dialogue", equalTo("closed"));
        assertThat(rows.queryLong("select count(*) from audit_entry where action = 'dialogue.close' and tip_reference = '"
                + tipster.reference() + "'")).isEqualTo(1);

        tipster.reply("one more thing").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", "still there?"))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages").then().statusCode(409);
        assertThat(messagesOf(tipster.reference())).isEmpty();
        tipster.mailbox().then().statusCode(200).body("dialogue", equalTo("closed"));

        String reviewer = accounts.login(accounts.create("rev", List.of(ReviewerRole.REVIEWER), List.of("default"), null));
        given().auth().oauth2(reviewer).contentType("application/json").body(Map.of("dialogue", "open"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/dialogue").then().statusCode(403);
    }

    @Test
    void erasingAccessMakesThePassphraseOpenNothingForever() {
        Tipster tipster = Tipsters.submit("Illegal dumping at the quarry");
        String token = given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session")
                .then().statusCode(201).extract().path("token");
        given().header("Authorization", tipster.authorization()).delete("/api/v1/followup/access").then().statusCode(204);

        Map<String, Object> row = rows.query("select d.tipster_verifier, d.tipster_key, d.office_dialogue_key from tip t "
                + "join tip_dialogue d on d.tip_id = t.id where t.reference = ?",
                tipster.reference()).get(0);
        assertThat(row.get("tipster_verifier")).isNull();
        assertThat(row.get("tipster_key")).isNull();
        assertThat(row.get("office_dialogue_key")).isNotNull();
        assertThat(rows.queryLong("select count(*) from followup_session s join tip t on t.id = s.tip_id where t.reference = '"
                + tipster.reference() + "'")).isZero();

        Response erased = tipster.mailbox();
        Response unknown = given().header("Authorization", Tipsters.header("TIP-0000-0000-0000-0000", tipster.passphrase()))
                .get("/api/v1/followup");
        erased.then().statusCode(401);
        assertThat(erased.asByteArray()).isEqualTo(unknown.asByteArray());
        given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(401);
        // The office still has the conversation.
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", "noted"))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages").then().statusCode(201);
    }

    @Test
    void aTipFromBeforeFollowUpHasNoMailboxAndSaysSo() {
        Tipster tipster = Tipsters.submit("A tip as stored before follow-up existed");
        rows.update("delete from tip_dialogue where tip_id = (select id from tip where reference = ?)", tipster.reference());
        String path = "/api/v1/review/tips/" + tipster.reference();
        given().auth().oauth2(coordinator).get(path + "/messages").then().statusCode(200).body("messages.size()", equalTo(0));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", "hello?"))
                .post(path + "/messages").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "closed"))
                .put(path + "/dialogue").then().statusCode(409);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("amount", 10, "currency", "USD",
                "approvalReference", "B-1", "paymentInstructions", "x")).put(path + "/reward").then().statusCode(409);
        tipster.mailbox().then().statusCode(401);
        assertThat(messagesOf(tipster.reference())).isEmpty();
    }

    private List<Map<String, Object>> messagesOf(String reference) {
        return rows.query("select m.message_no, m.sender, m.author, m.ciphertext from tip_message m join tip t on t.id = m.tip_id "
                + "where t.reference = ? order by m.message_no", reference);
    }
}
