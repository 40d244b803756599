package org.tipline.tipster.sealed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.BindingToken;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;
import org.tipline.tip.TipPlaintext;

/**
 * Sealed submissions with a binding token (proof-of-work is off for keyless tips in the test
 * profile, as for a trusted channel): a tip sealed by the page's JavaScript sealer, or in Java
 * as any front end would, is stored as it came and read by the office like any other tip; the
 * tipster's passphrase, drawn by the front end, opens the mailbox; intake does no Argon2id and
 * no seal; every bad envelope gets its own problem type and writes nothing.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class SealedTipTests {

    private static final String MARK = "ZQX-SEALED-MARK";
    private static OfficePublicKey frontEndKey;

    @TestHTTPResource("/")
    URL tipline;

    private final AgroalDataSource dataSource;
    private final TipRows rows;
    private final MeterRegistry metrics;
    private final OfficePublicKey officeKey;

    SealedTipTests(AgroalDataSource dataSource, MeterRegistry metrics, OfficePublicKey officeKey) {
        this.dataSource = dataSource;
        this.rows = new TipRows(dataSource);
        this.metrics = metrics;
        this.officeKey = officeKey;
    }

    @BeforeAll
    static void frontEndCopyOfTheOfficeKey() throws Exception {
        // The front end's own copy of the public key: its seals do not count on the app's meter.
        frontEndKey = OfficePublicKey.read(DemoKeys.ensure(TestDatabase.DATA_DIR));
    }

    private List<Double> expensiveWork() {
        return List.of(metrics.get("tipline.kdf.tasks").counter().count(),
                metrics.get("tipline.office-key.seals").counter().count());
    }

    private static io.restassured.response.Response post(SealedEnvelopes.Sealed sealed) {
        return given().contentType("application/json").body(sealed.json()).post("/api/v1/tips/sealed");
    }

    private String coordinatorToken() {
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        return accounts.login(accounts.create("sealed", List.of(ReviewerRole.COORDINATOR), List.of("default"), null));
    }

    @Test
    void aTipSealedByTheJavaScriptSealerIsReadByTheOfficeLikeAnyOther() throws Exception {
        NodeTools.requirePage("@hpke/core", "@hpke/dhkem-x25519", "@hpke/hybridkem-x-wing", "@hpke/chacha20poly1305",
                "hash-wasm",
                "@noble/curves");
        String description = "Sealed in the browser " + MARK;
        List<Double> work = expensiveWork();
        long before = rows.count();
        String output = NodeTools.run(Map.of(), "seal-tip.mjs", "--base", tipline.toString().replaceAll("/$", ""),
                "--binding", "token", "--envelope-version", "1", "--tip", "{\"category\":\"theft\",\"description\":\"" + description
                        + "\",\"location\":\"Pier 4\",\"details\":{\"vehicle\":\"white van\"}}");
        JsonNode result = SealedEnvelopes.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.get("status").asInt()).as(output).isEqualTo(201);
        String reference = result.get("reference").asText();
        String passphrase = result.get("passphrase").asText();
        assertThat(result.get("answer").get("reference").asText()).isEqualTo(reference);

        assertThat(expensiveWork()).as("no Argon2id and no seal on intake").isEqualTo(work);
        assertThat(rows.count()).isEqualTo(before + 1);
        String sent = result.get("requestBody").asText();
        assertThat(sent).doesNotContain(MARK).doesNotContain("Pier 4").doesNotContain(passphrase)
                .doesNotContain(passphrase.split(" ")[0] + " ");

        TipRows.TipRow row = rows.byReference(reference);
        assertThat(row.id()).hasToString(result.get("tipId").asText());
        assertThat(row.formatVersion()).isEqualTo(2);
        assertThat(row.category()).isEqualTo("theft");
        assertThat(row.ciphertext()).isEqualTo(Base64.getDecoder().decode(
                SealedEnvelopes.JSON.readTree(sent).get("tip").asText()));
        TipPlaintext opened = OfficeKeyForTests.open(row);
        assertThat(opened.description()).isEqualTo(description);
        assertThat(opened.details()).containsEntry("vehicle", "white van");

        given().auth().oauth2(coordinatorToken()).get("/api/v1/review/tips/" + reference)
                .then().statusCode(200)
                .body("tip.reference", equalTo(reference))
                .body("description", equalTo(description))
                .body("location", equalTo("Pier 4"));
        // The passphrase the front end drew opens the mailbox the front end made.
        new Tipsters.Tipster(reference, passphrase).mailbox().then().statusCode(200);
        new Tipsters.Tipster(reference, Tipsters.submit("another").passphrase()).mailbox().then().statusCode(401);
    }

    @Test
    void aSealedTipIsStoredAsItCameWithoutArgon2idOrSeal() {
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(frontEndKey, binding, "Java front end " + MARK);
        List<Double> work = expensiveWork();
        post(sealed).then().statusCode(201)
                .contentType("application/json")
                .body("reference", equalTo(binding.reference()))
                .body("receivedOn", equalTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .body("$", not(org.hamcrest.Matchers.hasKey("passphrase")));
        assertThat(expensiveWork()).isEqualTo(work);
        TipRows.TipRow row = rows.byReference(binding.reference());
        assertThat(row.id()).isEqualTo(UUID.fromString(binding.tipId()));
        assertThat(row.ciphertext()).isEqualTo(sealed.bytes("tip"));
        assertThat(row.keyId()).isEqualTo(frontEndKey.primaryKeyId());
        String id = "'" + binding.tipId() + "'";
        assertThat(rows.countWhere("tip_dialogue", "tip_id = " + id + " and tipster_kdf = '"
                + sealed.envelope().get("tipsterKdf").asText() + "' and tipster_verifier = decode('"
                + HexFormat.of().formatHex(sealed.bytes("tipsterVerifier")) + "', 'hex') and tipster_key = decode('"
                + HexFormat.of().formatHex(sealed.bytes("tipsterKey")) + "', 'hex') and office_dialogue_key = decode('"
                + HexFormat.of().formatHex(sealed.bytes("officeDialogueKey")) + "', 'hex') and dialogue_key_id = "
                + frontEndKey.primaryKeyId())).isEqualTo(1);
        new Tipsters.Tipster(binding.reference(), sealed.passphrase()).mailbox().then().statusCode(200);
    }

    @Test
    void aSealedTipCopiedIntoAnotherTipsRowDoesNotOpen() throws Exception {
        SealedEnvelopes.Binding first = SealedEnvelopes.binding();
        SealedEnvelopes.Binding second = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed a = SealedEnvelopes.seal(frontEndKey, first, "first " + MARK);
        post(a).then().statusCode(201);
        post(SealedEnvelopes.seal(frontEndKey, second, "second")).then().statusCode(201);
        TipRows.TipRow source = rows.byReference(first.reference());
        TipRows.TipRow target = rows.byReference(second.reference());
        assertThat(OfficeKeyForTests.open(source).description()).isEqualTo("first " + MARK);

        rows.setCiphertext(target.id(), source.ciphertext());
        assertThatThrownBy(() -> OfficeKeyForTests.open(rows.byReference(second.reference())))
                .isInstanceOf(GeneralSecurityException.class);
        given().auth().oauth2(coordinatorToken()).get("/api/v1/review/tips/" + second.reference())
                .then().statusCode(409);
        // Nor does it open as an intake-sealed tip (format version 1) in its own row.
        assertThatThrownBy(() -> OfficeKeyForTests.openRaw(source.id(), 1, source.ciphertext()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aPlaintextThatIsNoTipAnswersConflictNotAnError() {
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        byte[] nullJson = org.tipline.crypto.JsonPadding.pad("null".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        post(SealedEnvelopes.sealPlaintext(frontEndKey, binding, nullJson)).then().statusCode(201);
        given().auth().oauth2(coordinatorToken()).get("/api/v1/review/tips/" + binding.reference())
                .then().statusCode(409).contentType("application/problem+json");
    }

    // ---- bad input: each its own problem type, nothing written, nothing echoed ----

    private void refused(SealedEnvelopes.Sealed sealed, int status, String type) {
        JsonNode envelope = sealed.envelope();
        refused(sealed.json(), status, type, envelope.path("reference").asText("none"),
                envelope.path("tipId").asText("none"), envelope.path("tipsterKdf").asText("none"));
    }

    private void refused(String body, int status, String type, String... sent) {
        long tips = rows.count();
        long dialogues = rows.queryLong("select count(*) from tip_dialogue");
        List<Double> work = expensiveWork();
        io.restassured.response.ValidatableResponse response = given().contentType("application/json").body(body)
                .post("/api/v1/tips/sealed").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/" + type))
                .body(not(containsString(MARK)))
                .body(not(containsString("c2FsdHNh")))
                .body(not(containsString("Exception")));
        for (String value : sent) {
            response.body(not(containsString(value)));
        }
        assertThat(rows.count()).as("no tip written").isEqualTo(tips);
        assertThat(rows.queryLong("select count(*) from tip_dialogue")).isEqualTo(dialogues);
        assertThat(expensiveWork()).isEqualTo(work);
    }

    private String queryString(String sql) {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SealedEnvelopes.Sealed good() {
        return SealedEnvelopes.seal(frontEndKey, SealedEnvelopes.binding(), "bad input " + MARK);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aMalformedEnvelopeIsRefused() {
        SealedEnvelopes.Sealed good = good();
        refused(good.with("tip", "not base64 at all!"), 400, "sealed-malformed");
        refused(good.with("tipsterKey", b64(Arrays.copyOf(good.bytes("tipsterKey"), 59))), 400, "sealed-malformed");
        refused(good.with("tipsterVerifier", b64(new byte[31])), 400, "sealed-malformed");
        refused(good.with("officeDialogueKey", b64(Arrays.copyOf(good.bytes("officeDialogueKey"), 86))), 400,
                "sealed-malformed");
        refused(good.with("tipId", good.envelope().get("tipId").asText().toUpperCase()), 400, "sealed-malformed");
        refused(good.with("reference", good.envelope().get("reference").asText().toLowerCase()), 400,
                "sealed-malformed");
        refused(good.with("tipsterKdf", "$argon2id$v=19$m=256,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA"), 400, "sealed-malformed");
        refused(good.with("tipsterKdf", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA"), 400,
                "sealed-malformed");
        refused(good.json().replace("\"version\":1", "\"version\":2"), 400, "sealed-malformed");
        // A tip whose plaintext was not padded to a multiple of 256 bytes.
        refused(SealedEnvelopes.sealPlaintext(frontEndKey, SealedEnvelopes.binding(), new byte[300]), 400,
                "sealed-malformed");
        refused(good.with("category", "parking"), 400, "invalid-field");
        refused(good.with("tipsterKey", null), 400, "invalid-field");
        refused(good.json().replace("\"version\":1", "\"version\":1,\"extra\":\"" + MARK + "\""), 400, "unknown-field");
        refused("{\"version\":1,", 400, "malformed-json");
        // The good envelope itself is still accepted: none of the above used its binding.
        post(good).then().statusCode(201);
    }

    @Test
    void aCiphertextToAnotherKeyIsRefused() {
        SealedEnvelopes.Sealed good = good();
        byte[] otherKey = good.bytes("tip");
        otherKey[4] ^= 1;
        refused(good.with("tip", b64(otherKey)), 400, "sealed-key-unknown");
        byte[] noPrefix = good.bytes("officeDialogueKey");
        noPrefix[0] = 0;
        refused(good.with("officeDialogueKey", b64(noPrefix)), 400, "sealed-key-unknown");
    }

    @Test
    void anOversizeTipIsRefused() {
        byte[] tooLong = org.tipline.crypto.JsonPadding.pad(new byte[65_536]);
        refused(SealedEnvelopes.sealPlaintext(frontEndKey, SealedEnvelopes.binding(), tooLong), 413, "sealed-too-large");
        byte[] longest = org.tipline.crypto.JsonPadding.pad(new byte[65_535]);
        post(SealedEnvelopes.sealPlaintext(frontEndKey, SealedEnvelopes.binding(), longest)).then().statusCode(201);
    }

    @Test
    void aForgedOrForeignBindingIsRefused() {
        SealedEnvelopes.Sealed good = good();
        String token = good.envelope().get("binding").asText();
        char last = token.charAt(token.length() - 1);
        refused(good.with("binding", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')), 400,
                "binding-invalid");
        // Another binding's genuine token does not bind this tip id and reference.
        refused(good.with("binding", SealedEnvelopes.binding().token()), 400, "binding-invalid");
        refused(good.with("binding", "not a token"), 400, "binding-invalid");
        // A keyless tip that skips proof-of-work must carry a token.
        refused(good.with("binding", null), 400, "binding-invalid");
        post(good).then().statusCode(201);
    }

    @Test
    void aStaleBindingIsRefused() {
        SealedEnvelopes.Binding fresh = SealedEnvelopes.binding();
        BindingToken claimed = BindingToken.parse(fresh.token());
        byte[] key = HexFormat.of().parseHex(queryString(
                "select hmac_key from proof_key where generation = " + claimed.generation()));
        assertThat(claimed.signedBy(fresh.token(), key)).as("signed with the shared proof-of-work key").isTrue();
        String stale = new BindingToken(claimed.tipId(), claimed.reference(), System.currentTimeMillis() / 1000 - 1,
                claimed.generation()).sign(key);
        SealedEnvelopes.Binding expired = new SealedEnvelopes.Binding(fresh.tipId(), fresh.reference(), stale);
        refused(SealedEnvelopes.seal(frontEndKey, expired, "stale"), 400, "binding-expired");
        String retired = new BindingToken(claimed.tipId(), claimed.reference(), claimed.expires(),
                claimed.generation() - 2).sign(key);
        refused(SealedEnvelopes.seal(frontEndKey, new SealedEnvelopes.Binding(fresh.tipId(), fresh.reference(), retired),
                "retired"), 400, "binding-expired");
    }

    @Test
    void aBindingIsUsedOnce() {
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed first = SealedEnvelopes.seal(frontEndKey, binding, "once " + MARK);
        post(first).then().statusCode(201);
        refused(first, 409, "binding-replayed");
        // A new envelope sealed to the same binding: the tip id is taken.
        refused(SealedEnvelopes.seal(frontEndKey, binding, "twice"), 409, "binding-replayed");
    }
}
