package org.tipline.tipster.sealed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.MessageSealing;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.RewardSealing;
import org.tipline.crypto.SealedSignIn;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.testing.LeakScan;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;
import org.tipline.tipster.followup.FollowupRepository;
import org.tipline.tipster.followup.SealedDecoys;

/**
 * The sealed follow-up end to end (docs/crypto.md, section 8): a tip sealed with envelope
 * version 2, the kdf lookup, a sign-in with an Ed25519 signature over a proof's challenge, the
 * office's question opened from the sealed mailbox, an answer sealed here and read by the office
 * in clear, and a reward whose sealed view pays. Intake derives nothing and stores no secret;
 * every refusal writes nothing.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class SealedFollowupTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static OfficePublicKey frontEndKey;

    @TestHTTPResource("/")
    URL tipline;

    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;
    private final OfficePublicKey officeKey;
    private final FollowupRepository repository;
    private final TiplineConfig config;
    private TipRows rows;
    private String coordinator;

    SealedFollowupTests(AgroalDataSource dataSource, MeterRegistry metrics, OfficePublicKey officeKey,
            FollowupRepository repository, TiplineConfig config) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.officeKey = officeKey;
        this.repository = repository;
        this.config = config;
    }

    @BeforeAll
    static void frontEndCopyOfTheOfficeKey() throws Exception {
        frontEndKey = OfficePublicKey.read(DemoKeys.ensure(TestDatabase.DATA_DIR));
    }

    @BeforeEach
    void signInCoordinator() {
        rows = new TipRows(dataSource);
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        coordinator = accounts.login(accounts.create("sealed-coord", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null));
    }

    private double argon2id() {
        return metrics.get("tipline.kdf.tasks").counter().count();
    }

    /** A tipster of a version-2 tip, as their browser is: the envelope, the passphrase, what it derives. */
    private record Tipster(SealedEnvelopes.Sealed sealed, String reference, UUID tipId) {

        String passphrase() {
            return sealed.passphrase();
        }
    }

    private Tipster submit(String description) {
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.sealVersion2(frontEndKey, binding, description);
        given().contentType("application/json").body(sealed.json()).post("/api/v1/tips/sealed")
                .then().statusCode(201).body("reference", equalTo(binding.reference()));
        return new Tipster(sealed, binding.reference(), UUID.fromString(binding.tipId()));
    }

    private static Response kdf(String reference) {
        return given().contentType("application/json").body(Map.of("reference", reference))
                .post("/api/v1/followup/sealed/kdf");
    }

    private static String challengeOf(String proof) {
        return Proofs.decode(proof).get("challenge").asText();
    }

    private static Response signIn(String reference, String proof, byte[] signature) {
        var request = given().contentType("application/json")
                .body(Map.of("reference", reference, "signature", Base64.getEncoder().encodeToString(signature)));
        if (proof != null) {
            request = request.header(Proofs.HEADER, proof);
        }
        return request.post("/api/v1/followup/sealed/session");
    }

    /** Comes back as the browser does: looks up the kdf, derives, signs over a fresh proof. */
    private static Response comeBack(String typedReference, String passphrase) {
        String kdf = kdf(typedReference).then().statusCode(200).body("signIn", equalTo("sealed"))
                .extract().path("tipsterKdf");
        SealedEnvelopes.Derived derived = SealedEnvelopes.Derived.from(passphrase, kdf);
        String proof = Proofs.fresh();
        String reference = org.tipline.tip.TipReference.normalize(typedReference);
        return signIn(typedReference, proof, SealedSignIn.sign(derived.seed(), reference, challengeOf(proof)));
    }

    private long sessions() {
        return rows.queryLong("select count(*) from followup_session");
    }

    private long messages() {
        return rows.queryLong("select count(*) from tip_message");
    }

    @Test
    void aSealedTipsterSignsInReadsTheQuestionAnswersAndIsPaidWithoutIntakeSeeingAnySecret() throws Exception {
        double work = argon2id();
        Tipster tipster = submit("The boat unloads at dawn on pier 9");
        Map<String, Object> stored = rows.query("select tipster_kdf, tipster_verifier, tipster_key, tipster_signin_key "
                + "from tip_dialogue where tip_id = ?", tipster.tipId()).get(0);
        assertThat(stored.get("tipster_verifier")).isNull();
        assertThat((byte[]) stored.get("tipster_signin_key")).isEqualTo(tipster.sealed().bytes("tipsterSignInKey"));
        assertThat(stored.get("tipster_kdf")).isEqualTo(tipster.sealed().envelope().get("tipsterKdf").asText());

        // The kdf lookup reads the reference as typed, and answers the stored kdf.
        kdf(tipster.reference().toLowerCase().replace("-", " ")).then().statusCode(200)
                .body("signIn", equalTo("sealed")).body("tipsterKdf", equalTo(stored.get("tipster_kdf")));

        Response session = comeBack(tipster.reference().toLowerCase(), tipster.passphrase());
        session.then().statusCode(201).header("Cache-Control", "no-store")
                .body("tipId", equalTo(tipster.tipId().toString()))
                .body("tipsterKey", equalTo(tipster.sealed().envelope().get("tipsterKey").asText()));
        String token = session.path("token");
        assertThat(token).matches("tlf_[A-Za-z0-9_-]{43}");
        assertThat(rows.query("select sealed_key from followup_session where token_hash = sha256(?::bytea)", token)
                .get(0).get("sealed_key")).isNull();

        // The browser opens the dialogue key with its wrapping key.
        SealedEnvelopes.Derived derived = SealedEnvelopes.Derived.from(tipster.passphrase(),
                (String) stored.get("tipster_kdf"));
        DialogueKey dialogueKey = DialogueKey.of(derived.wrappingKey().open(
                Base64.getDecoder().decode(session.<String>path("tipsterKey")),
                org.tipline.crypto.Bindings.tipsterDialogueKey(tipster.tipId(), tipster.reference())));

        String question = "Which boat? QUESTION-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", question))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages").then().statusCode(201);

        Response mailbox = given().auth().oauth2(token).get("/api/v1/followup/sealed");
        mailbox.then().statusCode(200)
                .body("reference", equalTo(tipster.reference()))
                .body("tipId", equalTo(tipster.tipId().toString()))
                .body("status", equalTo("more-information-needed"))
                .body("dialogue", equalTo("open"))
                .body("formatVersion", equalTo(1))
                .body("nextNumber", equalTo(2))
                .body("reward", nullValue())
                .body("messages[0].number", equalTo(1))
                .body("messages[0].from", equalTo("office"))
                .body("messages[0]", not(hasKey("text")));
        byte[] asked = Base64.getDecoder().decode(mailbox.<String>path("messages[0].ciphertext"));
        assertThat(MessageSealing.open(dialogueKey, tipster.tipId(), 1, "office", 1, asked)).isEqualTo(question);

        String answer = "The blue one with a red stripe. ANSWER-" + UUID.randomUUID();
        byte[] sealedAnswer = MessageSealing.seal(dialogueKey, tipster.tipId(), 2, MessageSealing.TIPSTER, answer);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 2, "ciphertext", Base64.getEncoder().encodeToString(sealedAnswer)))
                .post("/api/v1/followup/sealed/messages")
                .then().statusCode(201).body("number", equalTo(2));
        Map<String, Object> row = rows.query("select sender, author, format_version, ciphertext from tip_message "
                + "where tip_id = ? and message_no = 2", tipster.tipId()).get(0);
        assertThat(row).containsEntry("sender", "tipster").containsEntry("author", null);
        assertThat(((Number) row.get("format_version")).intValue()).isEqualTo(1);
        assertThat((byte[]) row.get("ciphertext")).isEqualTo(sealedAnswer);

        given().auth().oauth2(coordinator).queryParam("purpose", "sealed follow-up")
                .get("/api/v1/review/tips/" + tipster.reference() + "/messages")
                .then().statusCode(200)
                .body("messages[1].from", equalTo("tipster"))
                .body("messages[1].text", equalTo(answer));

        String instructions = "Bring the code to the harbour office. INSTR-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("amount", 100, "currency", "EUR", "approvalReference", "BOARD-9",
                        "paymentInstructions", instructions))
                .put("/api/v1/review/tips/" + tipster.reference() + "/reward").then().statusCode(200);
        Response rewarded = given().auth().oauth2(token).get("/api/v1/followup/sealed");
        rewarded.then().statusCode(200).body("reward.status", equalTo("approved"))
                .body("reward.amount", equalTo("100.00")).body("reward.currency", equalTo("EUR"))
                .body("reward", not(hasKey("payoutCode")));
        RewardSealing.TipsterView view = RewardSealing.open(dialogueKey, tipster.tipId(), 1,
                Base64.getDecoder().decode(rewarded.<String>path("reward.tipsterView")));
        assertThat(view.instructions()).isEqualTo(instructions);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("payoutCode", view.payoutCode()))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/followup/sealed").then().statusCode(200)
                .body("reward.status", equalTo("paid"));

        assertThat(argon2id()).as("intake never derives for a sealed tip").isEqualTo(work);

        // The database holds no passphrase, A, seed, wrapping key or message plaintext.
        StringBuilder dump = new StringBuilder();
        List<byte[]> blobs = new java.util.ArrayList<>();
        for (String table : List.of("tip", "tip_dialogue", "tip_message", "followup_session", "tip_reward",
                "audit_entry", "followup_decoy_key")) {
            for (Map<String, Object> each : rows.query("select t::text as row from " + table + " t")) {
                dump.append(each.get("row")).append('\n');
            }
        }
        for (String query : List.of("select tipster_kdf::bytea as a, tipster_key as b, tipster_signin_key as c, "
                + "office_dialogue_key as d from tip_dialogue where tip_id = ?",
                "select ciphertext as a, ciphertext as b, ciphertext as c, ciphertext as d from tip_message where tip_id = ?",
                "select tipster_view as a, payout_code_hash as b, tipster_view as c, tipster_view as d from tip_reward "
                        + "where tip_id = ?")) {
            for (Map<String, Object> each : rows.query(query, tipster.tipId())) {
                each.values().stream().filter(byte[].class::isInstance).map(byte[].class::cast).forEach(blobs::add);
            }
        }
        String text = dump.toString();
        assertThat(text).doesNotContain(tipster.passphrase()).doesNotContain(question).doesNotContain(answer)
                .doesNotContain(view.payoutCode()).doesNotContain(instructions);
        HexFormat hex = HexFormat.of();
        for (byte[] secret : List.of(derived.a(), derived.seed(), derived.wrappingKey().bytes(), dialogueKey.bytes())) {
            assertThat(text).doesNotContain(hex.formatHex(secret));
            for (byte[] blob : blobs) {
                assertThat(LeakScan.indexOf(blob, Arrays.copyOf(secret, 16))).isNegative();
            }
        }
        for (byte[] blob : blobs) {
            assertThat(LeakScan.indexOf(blob, LeakScan.utf8(tipster.passphrase()))).isNegative();
            assertThat(LeakScan.indexOf(blob, LeakScan.utf8(answer))).isNegative();
        }
    }

    @Test
    void theJavaScriptSealerSealsComesBackReadsTheQuestionAndAnswers() throws Exception {
        NodeTools.requirePage("@hpke/core", "@hpke/dhkem-x25519", "@hpke/hybridkem-x-wing", "@hpke/chacha20poly1305",
                "hash-wasm", "@noble/curves");
        String base = tipline.toString().replaceAll("/$", "");
        String sealedOutput = NodeTools.run(Map.of(), "seal-tip.mjs", "--base", base, "--binding", "token",
                "--tip", "{\"category\":\"theft\",\"description\":\"Sealed by the page's sealer, version 2\"}");
        JsonNode sealed = SealedEnvelopes.JSON.readTree(sealedOutput.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(sealed.get("status").asInt()).as(sealedOutput).isEqualTo(201);
        String reference = sealed.get("reference").asText();
        String passphrase = sealed.get("passphrase").asText();
        JsonNode envelope = SealedEnvelopes.JSON.readTree(sealed.get("requestBody").asText());
        assertThat(envelope.get("version").asInt()).isEqualTo(2);
        assertThat(envelope.has("tipsterVerifier")).isFalse();
        assertThat(envelope.get("tipsterKdf").asText()).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");

        String question = "Which pier? QUESTION-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", question))
                .post("/api/v1/review/tips/" + reference + "/messages").then().statusCode(201);

        double work = argon2id();
        String answer = "Pier 4, after midnight. ANSWER-" + UUID.randomUUID();
        String output = NodeTools.run(Map.of(), "followup-sealed.mjs", "--base", base,
                "--reference", reference.toLowerCase(), "--passphrase", passphrase.toUpperCase(), "--answer", answer);
        JsonNode result = SealedEnvelopes.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.get("signIn").asInt()).as(output).isEqualTo(201);
        assertThat(result.get("status").asText()).isEqualTo("more-information-needed");
        assertThat(result.get("messages").get(0).get("from").asText()).isEqualTo("office");
        assertThat(result.get("messages").get(0).get("text").asText()).isEqualTo(question);
        assertThat(result.get("answered").get("status").asInt()).as(output).isEqualTo(201);
        assertThat(result.get("answered").get("body").get("number").asInt()).isEqualTo(2);
        assertThat(result.get("sent").toString()).doesNotContain(answer).doesNotContain(passphrase)
                .doesNotContain(passphrase.split(" ")[0] + " ");
        assertThat(argon2id()).as("intake never derives for a sealed tip").isEqualTo(work);
        assertThat(Base64.getDecoder().decode(result.get("signInKey").asText())).isEqualTo(rows.query(
                "select d.tipster_signin_key from tip_dialogue d join tip t on t.id = d.tip_id where t.reference = ?",
                reference).get(0).get("tipster_signin_key"));

        given().auth().oauth2(coordinator).queryParam("purpose", "sealed follow-up from the page's sealer")
                .get("/api/v1/review/tips/" + reference + "/messages")
                .then().statusCode(200)
                .body("messages[1].from", equalTo("tipster"))
                .body("messages[1].text", equalTo(answer));
    }

    @Test
    void aSealedSessionOnThePlainMailboxIsTurnedAwayAndMaySignOutAndErase() {
        Tipster tipster = submit("Sealed session on the plain endpoints");
        String token = comeBack(tipster.reference(), tipster.passphrase()).then().statusCode(201)
                .extract().path("token");
        long before = messages();
        given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/sealed-session"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "in clear"))
                .post("/api/v1/followup/messages").then().statusCode(409)
                .body("type", equalTo("/problems/sealed-session"));
        assertThat(messages()).isEqualTo(before);

        given().auth().oauth2(token).delete("/api/v1/followup/session").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/followup/sealed").then().statusCode(401);

        String second = comeBack(tipster.reference(), tipster.passphrase()).then().statusCode(201)
                .extract().path("token");
        String realKdf = kdf(tipster.reference()).path("tipsterKdf");
        given().auth().oauth2(second).delete("/api/v1/followup/access").then().statusCode(204);
        Map<String, Object> row = rows.query("select tipster_signin_key, tipster_key, office_dialogue_key, tipster_verifier "
                + "from tip_dialogue where tip_id = ?", tipster.tipId()).get(0);
        assertThat(row.get("tipster_signin_key")).isNull();
        assertThat(row.get("tipster_key")).isNull();
        assertThat(row.get("tipster_verifier")).isNull();
        assertThat(row.get("office_dialogue_key")).isNotNull();
        given().auth().oauth2(second).get("/api/v1/followup/sealed").then().statusCode(401);
        // Erased: a decoy now, and the passphrase signs in no more.
        String decoy = kdf(tipster.reference()).then().statusCode(200).body("signIn", equalTo("sealed"))
                .extract().path("tipsterKdf");
        assertThat(decoy).isNotEqualTo(realKdf).matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=1\\$[A-Za-z0-9+/]{22}");
        SealedEnvelopes.Derived derived = SealedEnvelopes.Derived.from(tipster.passphrase(), realKdf);
        String proof = Proofs.fresh();
        signIn(tipster.reference(), proof, SealedSignIn.sign(derived.seed(), tipster.reference(), challengeOf(proof)))
                .then().statusCode(401);
    }

    @Test
    void everyRefusedSignInWritesNothingAndUnknownReferencesGetTheSameAnswer() {
        Tipster tipster = submit("Refused sign-ins");
        String kdf = kdf(tipster.reference()).path("tipsterKdf");
        SealedEnvelopes.Derived derived = SealedEnvelopes.Derived.from(tipster.passphrase(), kdf);
        byte[] otherSeed = new byte[32];
        RANDOM.nextBytes(otherSeed);
        long before = sessions();

        String proof = Proofs.fresh();
        Response wrong = signIn(tipster.reference(), proof,
                SealedSignIn.sign(otherSeed, tipster.reference(), challengeOf(proof)));
        wrong.then().statusCode(401).contentType("application/problem+json");
        String unknownReference = "TIP-0000-0000-0000-0000";
        String unknownProof = Proofs.fresh();
        Response unknown = signIn(unknownReference, unknownProof,
                SealedSignIn.sign(derived.seed(), unknownReference, challengeOf(unknownProof)));
        assertThat(unknown.asByteArray()).isEqualTo(wrong.asByteArray());

        // A signature over another proof's challenge.
        String used = Proofs.fresh();
        String other = Proofs.fresh();
        signIn(tipster.reference(), other, SealedSignIn.sign(derived.seed(), tipster.reference(), challengeOf(used)))
                .then().statusCode(401);
        // No proof at all, and a malformed signature: refused before anything else.
        signIn(tipster.reference(), null, SealedSignIn.sign(derived.seed(), tipster.reference(), challengeOf(used)))
                .then().statusCode(400).body("type", equalTo("/problems/proof-missing"));
        signIn(tipster.reference(), Proofs.fresh(), new byte[63]).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-field"));
        assertThat(sessions()).isEqualTo(before);

        // The right signature with its proof works once; the same proof again is a replay.
        String good = Proofs.fresh();
        byte[] signature = SealedSignIn.sign(derived.seed(), tipster.reference(), challengeOf(good));
        signIn(tipster.reference(), good, signature).then().statusCode(201);
        signIn(tipster.reference(), good, signature).then().statusCode(400)
                .body("type", equalTo("/problems/proof-replayed"));
        assertThat(sessions()).isEqualTo(before + 1);

        // A malformed reference: invalid-field, not echoed.
        given().contentType("application/json").body(Map.of("reference", "TIP-<script>"))
                .post("/api/v1/followup/sealed/kdf").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-field"))
                .body(not(org.hamcrest.Matchers.containsString("<script>")));
    }

    @Test
    void theDecoyIsStableAcrossAsksAndProcessesAndShapedLikeARealAnswer() {
        String reference = "TIP-7KQ3-9XHD-M2PF-4RTZ";
        Response first = kdf(reference);
        first.then().statusCode(200).body("signIn", equalTo("sealed"))
                .body("tipsterKdf", org.hamcrest.Matchers.matchesPattern(
                        "\\$argon2id\\$v=19\\$m=65536,t=3,p=1\\$[A-Za-z0-9+/]{22}"));
        assertThat(kdf(reference.toLowerCase()).asByteArray()).isEqualTo(first.asByteArray());
        assertThat(kdf("TIP-7KQ3-9XHD-M2PF-4RTY").<String>path("tipsterKdf"))
                .isNotEqualTo(first.<String>path("tipsterKdf"));
        // A restarted process (a new bean on the same database) answers the same decoy.
        String restarted = new SealedDecoys(repository, config).kdf(reference).await().indefinitely();
        assertThat(restarted).isEqualTo(first.<String>path("tipsterKdf"));
        assertThat(rows.queryLong("select count(*) from followup_decoy_key")).isEqualTo(1);
        // A real sealed tip's answer has the same fields.
        Tipster tipster = submit("shape");
        assertThat(kdf(tipster.reference()).jsonPath().getMap("$").keySet())
                .isEqualTo(first.jsonPath().getMap("$").keySet());
        // A tip whose tipster signs in with the passphrase says so.
        kdf(Tipsters.submit("a plain tip").reference()).then().statusCode(200)
                .body("signIn", equalTo("passphrase")).body("$", not(hasKey("tipsterKdf")));
    }

    @Test
    void aPassphraseSignInOnASealedTipIsAWrongPassphraseAtIntakesOwnCost() {
        Tipster tipster = submit("passphrase against a sealed tip");
        double before = argon2id();
        Response sealed = new Tipsters.Tipster(tipster.reference(), tipster.passphrase()).mailbox();
        sealed.then().statusCode(401);
        assertThat(argon2id()).as("one Argon2id, at intake's settings").isEqualTo(before + 1);
        Response unknown = new Tipsters.Tipster("TIP-0000-0000-0000-0000", tipster.passphrase()).mailbox();
        assertThat(sealed.asByteArray()).isEqualTo(unknown.asByteArray());
    }

    @Test
    void sealedAnswersMustHaveTheNextNumberAFormedLengthAndAnOpenConversation() {
        Tipster tipster = submit("sealed answers");
        String token = comeBack(tipster.reference(), tipster.passphrase()).then().statusCode(201)
                .extract().path("token");
        Base64.Encoder b64 = Base64.getEncoder();
        long before = messages();
        for (int number : new int[] {0, 2, 7}) {
            given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("number", number, "ciphertext", b64.encodeToString(new byte[28 + 256])))
                    .post("/api/v1/followup/sealed/messages")
                    .then().statusCode(number == 0 ? 400 : 409)
                    .body("type", equalTo(number == 0 ? "/problems/invalid-field" : "/problems/message-number-taken"));
        }
        for (int length : new int[] {0, 28, 28 + 255, 28 + 257, 284 + 1}) {
            given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("number", 1, "ciphertext", b64.encodeToString(new byte[length])))
                    .post("/api/v1/followup/sealed/messages")
                    .then().statusCode(400).body("type", equalTo("/problems/sealed-malformed"));
        }
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 1, "ciphertext", b64.encodeToString(new byte[28 + MessageSealing.MAX_PADDED + 256])))
                .post("/api/v1/followup/sealed/messages")
                .then().statusCode(413).body("type", equalTo("/problems/sealed-too-large"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 1, "ciphertext", "not base64!"))
                .post("/api/v1/followup/sealed/messages")
                .then().statusCode(400).body("type", equalTo("/problems/sealed-malformed"));
        assertThat(messages()).isEqualTo(before);

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 1, "ciphertext", b64.encodeToString(new byte[28 + MessageSealing.MAX_PADDED])))
                .post("/api/v1/followup/sealed/messages").then().statusCode(201).body("number", equalTo(1));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 1, "ciphertext", b64.encodeToString(new byte[28 + 256])))
                .post("/api/v1/followup/sealed/messages").then().statusCode(409)
                .body("type", equalTo("/problems/message-number-taken"));
        assertThat(messages()).isEqualTo(before + 1);

        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "closed"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/dialogue").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("number", 2, "ciphertext", b64.encodeToString(new byte[28 + 256])))
                .post("/api/v1/followup/sealed/messages").then().statusCode(409)
                .body("type", equalTo("/problems/conflict"));
        assertThat(messages()).isEqualTo(before + 1);
        given().contentType("application/json")
                .body(Map.of("number", 2, "ciphertext", b64.encodeToString(new byte[28 + 256])))
                .post("/api/v1/followup/sealed/messages").then().statusCode(401);
    }

    @Test
    void versionTwoEnvelopesOfTheWrongFormWriteNothing() {
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed good = SealedEnvelopes.sealVersion2(frontEndKey, binding, "bad envelopes");
        Base64.Encoder b64 = Base64.getEncoder();
        String salt = "c2FsdHNhbHRzYWx0c2FsdA";
        List<SealedEnvelopes.Sealed> bad = List.of(
                good.with("tipsterVerifier", b64.encodeToString(new byte[32])),
                good.with("tipsterSignInKey", b64.encodeToString(new byte[31])),
                good.with("tipsterSignInKey", b64.encodeToString(new byte[33])),
                good.with("tipsterSignInKey", null),
                good.with("tipsterKdf", "$argon2id$v=19$m=1048577,t=3,p=1$" + salt),
                good.with("tipsterKdf", "$argon2id$v=19$m=63,t=3,p=1$" + salt),
                good.with("tipsterKdf", "$argon2id$v=19$m=65536,t=11,p=1$" + salt),
                good.with("tipsterKdf", "$argon2id$v=19$m=65536,t=0,p=1$" + salt),
                good.with("tipsterKdf", "$argon2id$v=19$m=65536,t=3,p=2$" + salt),
                good.with("version", null).with("version", "3"));
        long tips = rows.count();
        for (SealedEnvelopes.Sealed each : bad) {
            String body = each.json().replace("\"version\":\"3\"", "\"version\":3");
            given().contentType("application/json").body(body).post("/api/v1/tips/sealed")
                    .then().statusCode(400).body("type", equalTo("/problems/sealed-malformed"));
        }
        assertThat(rows.count()).isEqualTo(tips);
        // The bounds themselves are accepted: 1 GiB and 10 passes, never derived on intake.
        given().contentType("application/json")
                .body(good.with("tipsterKdf", "$argon2id$v=19$m=1048576,t=10,p=1$" + salt).json())
                .post("/api/v1/tips/sealed").then().statusCode(201);
    }
}
