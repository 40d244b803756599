package org.tipline.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.Channels;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;
import org.tipline.tipster.sealed.SealedEnvelopes;

/**
 * What /q/metrics exposes after traffic of every kind (a plain tip, a tip through a channel, a
 * sealed tip, refusals, a follow-up, office reads that decrypt): every label name of every
 * tipline and HTTP series is on an allowlist, every label value of every series is free of what
 * tipsters sent (references, passphrases, tip and message text, channel keys, origin headers),
 * and the tipline meters count what happened, by values from closed sets.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class MetricLabelTests {

    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The label names a tipline or HTTP series may carry, each with a closed set of values. */
    private static final Map<String, Set<String>> ALLOWED_LABELS = Map.of(
            "http_", Set.of("method", "outcome", "status", "uri", "url_scheme"),
            // a request that ended in an exception: its class's simple name, which tipline's code chooses
            "http_server_errors", Set.of("class", "method", "outcome", "status", "uri", "url_scheme"),
            "tipline_tips_accepted", Set.of("channel", "category", "form"),
            "tipline_refusals", Set.of("reason"),
            "tipline_office_decrypts", Set.of("role", "record"),
            "tipline_", Set.of());

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private final AgroalDataSource dataSource;
    private final OfficePublicKey officeKey;

    MetricLabelTests(AgroalDataSource dataSource, OfficePublicKey officeKey) {
        this.dataSource = dataSource;
        this.officeKey = officeKey;
    }

    @Test
    void noLabelCarriesWhatATipsterSentAndEveryLabelNameIsAllowed() throws Exception {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = new ArrayList<>();
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("User-Agent", "MetricAgent/" + nonce);
        origin.put("X-Forwarded-For", "198.51.100.77, metric-xff-" + nonce);
        origin.put("X-Real-IP", "203.0.113.177");
        origin.put("Forwarded", "for=metric-fwd-" + nonce);
        origin.put("Referer", "https://metric-referer-" + nonce + ".example/page");
        origin.put("Origin", "https://metric-origin-" + nonce + ".example");
        origin.put("Cookie", "metric-cookie=" + nonce);
        origin.put("Accept-Language", "x-metric-" + nonce);
        origin.put("Via", "1.1 metric-via-" + nonce);
        sent.addAll(origin.values());

        // A plain tip, keyless; then its tipster signs in, reads and answers the office.
        String text = "MetricTipText " + nonce;
        Response receipt = tipster(origin).contentType("application/json")
                .body(Map.of("category", "fraud", "description", text, "location", "MetricPlace " + nonce))
                .post("/api/v1/tips");
        receipt.then().statusCode(201);
        Tipsters.Tipster plain = new Tipsters.Tipster(receipt.path("reference"), receipt.path("passphrase"));
        sent.addAll(List.of(text, "MetricPlace " + nonce, plain.reference(), plain.passphrase()));

        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        OfficeAccounts.Account coordinator = accounts.create("metrics", List.of(ReviewerRole.COORDINATOR,
                ReviewerRole.ADMIN), List.of("default"), null);
        String token = accounts.login(coordinator);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "Which car? " + nonce))
                .post("/api/v1/review/tips/" + plain.reference() + "/messages").then().statusCode(201);
        tipster(origin).header("Authorization", plain.authorization()).get("/api/v1/followup").then().statusCode(200);
        String answer = "MetricAnswer " + nonce;
        sent.add(answer);
        tipster(origin).header("Authorization", plain.authorization()).contentType("application/json")
                .body(Map.of("text", answer)).post("/api/v1/followup/messages").then().statusCode(201);
        String session = tipster(origin).header("Authorization", plain.authorization()).post("/api/v1/followup/session")
                .then().statusCode(201).extract().path("token");
        sent.add(session);

        // A tip through a partner's channel, with its key.
        String channel = Channels.name("metrics");
        String channelKey = Channels.create(token, channel, List.of());
        sent.add(channelKey);
        Map<String, String> server = new LinkedHashMap<>(origin);
        server.remove("Origin"); // a partner's server: its key is refused from an origin the channel does not list
        Response channelled = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            channelled = tipster(server).contentType("application/json").header("X-Tipline-Channel-Key", channelKey)
                    .body(Map.of("category", "theft", "description", text)).post("/api/v1/tips");
            if (channelled.statusCode() == 201) {
                break;
            }
            Thread.sleep(250); // intake reloads its channels every few seconds
        }
        assertThat(channelled.statusCode()).as(channelled.asString()).isEqualTo(201);
        sent.addAll(List.of(channelled.path("reference"), channelled.path("passphrase")));

        // A tip sealed by the front end.
        SealedEnvelopes.Binding binding = SealedEnvelopes.binding();
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(OfficePublicKey.read(DemoKeys.ensure(TestDatabase.DATA_DIR)),
                binding, "MetricSealed " + nonce);
        tipster(origin).contentType("application/json").body(sealed.json()).post("/api/v1/tips/sealed")
                .then().statusCode(201);
        sent.addAll(List.of(binding.reference(), binding.tipId(), binding.token(), sealed.passphrase(),
                "MetricSealed " + nonce));

        // Refusals: each with tipster text in the place that is refused.
        String unknownKey = "tlc_metric" + nonce + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String badCategory = "metric-category-" + nonce;
        String wrongPassphrase = "metric wrong words " + nonce + " that open nothing";
        String madeUpPath = "/api/v1/metric-path-" + nonce;
        sent.addAll(List.of(unknownKey, badCategory, wrongPassphrase, madeUpPath, "metric-field-" + nonce));
        tipster(origin).contentType("application/json").body("{\"category\":\"" + badCategory).post("/api/v1/tips")
                .then().statusCode(400);
        tipster(origin).contentType("application/json").body(Map.of("category", badCategory, "description", text))
                .post("/api/v1/tips").then().statusCode(400);
        tipster(origin).contentType("application/json")
                .body(Map.of("category", "fraud", "description", text, "metric-field-" + nonce, "x"))
                .post("/api/v1/tips").then().statusCode(400);
        tipster(origin).contentType("application/json").header("X-Tipline-Channel-Key", unknownKey)
                .body(Map.of("category", "fraud", "description", text)).post("/api/v1/tips").then().statusCode(401);
        tipster(origin).header("Authorization", Tipsters.header(plain.reference(), wrongPassphrase))
                .get("/api/v1/followup").then().statusCode(401);
        tipster(origin).get(madeUpPath).then().statusCode(404);
        tipster(origin).get("/api/v1/review/tips/" + plain.reference()).then().statusCode(401);

        // The office reads what the tipsters sent: each read decrypts.
        given().auth().oauth2(token).get("/api/v1/review/tips/" + plain.reference()).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/review/tips/" + binding.reference()).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/review/tips/" + plain.reference() + "/messages").then().statusCode(200);

        String exposed = scrapeOnceTheQueueIsCounted();
        Map<String, Map<String, String>> series = parse(exposed);

        Map<String, Set<String>> labelsByName = new TreeMap<>();
        series.forEach((line, labels) -> {
            String name = line.substring(0, line.indexOf('|'));
            if (name.startsWith("tipline_") || name.startsWith("http_")) {
                labelsByName.computeIfAbsent(name, n -> new TreeSet<>()).addAll(labels.keySet());
            }
        });
        assertThat(labelsByName).as("tipline and HTTP series").isNotEmpty();
        labelsByName.forEach((name, labels) -> assertThat(allowedFor(name)).as("label names of %s", name)
                .containsAll(labels));

        List<String> lowerSent = sent.stream().map(value -> value.toLowerCase(java.util.Locale.ROOT)).toList();
        series.forEach((line, labels) -> labels.forEach((label, value) -> {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            assertThat(lowerSent).as("%s=%s of %s", label, value, line)
                    .noneMatch(text2 -> lower.equals(text2) || lower.contains(text2));
        }));
        assertThat(exposed.toLowerCase(java.util.Locale.ROOT)).as("anywhere in the exposition").doesNotContain(nonce);

        assertThat(value(series, "tipline_tips_accepted_total", Map.of("channel", "web", "category", "fraud",
                "form", "plain"))).isGreaterThanOrEqualTo(1);
        assertThat(value(series, "tipline_tips_accepted_total", Map.of("channel", channel, "category", "theft",
                "form", "plain"))).isEqualTo(1);
        assertThat(value(series, "tipline_tips_accepted_total", Map.of("channel", "web", "category", "drugs",
                "form", "sealed"))).isGreaterThanOrEqualTo(1);
        for (String reason : List.of("malformed-json", "invalid-field", "unknown-field", "channel-key", "unauthorized",
                "not-found")) {
            assertThat(value(series, "tipline_refusals_total", Map.of("reason", reason))).as(reason).isGreaterThanOrEqualTo(1);
        }
        assertThat(value(series, "tipline_refusals_total", Map.of("reason", "quota-spent")))
                .as("every reason is there from the start").isGreaterThanOrEqualTo(0);
        assertThat(value(series, "tipline_office_decrypts_total", Map.of("role", "coordinator", "record", "tip")))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(series, "tipline_office_decrypts_total", Map.of("role", "coordinator", "record",
                "conversation"))).isGreaterThanOrEqualTo(1);
        assertThat(value(series, "tipline_review_untriaged_tips", Map.of())).as("the untriaged queue, a gauge")
                .isGreaterThanOrEqualTo(0);
        assertThat(value(series, "tipline_proof_of_work_difficulty", Map.of())).isGreaterThan(0);
        assertThat(series.values()).as("uri tags: a template or one of Quarkus's words, never a path as sent")
                .allSatisfy(labels -> assertThat(labels.getOrDefault("uri", "root"))
                        .matches("root|UNKNOWN|NOT_FOUND|REDIRECTION|/cors-preflight|/api/(openapi|v1/[a-z/{}-]+)"));
        assertThat(series.keySet()).as("the HTTP series are tagged with templates")
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count|")
                        && "/api/v1/review/tips/{reference}".equals(series.get(line).get("uri")));
    }

    private static RequestSpecification tipster(Map<String, String> origin) {
        return given().headers(origin);
    }

    private static Set<String> allowedFor(String name) {
        return ALLOWED_LABELS.entrySet().stream().filter(entry -> name.startsWith(entry.getKey()))
                .max(java.util.Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue).orElse(Set.of());
    }

    /** Each series line, keyed by its name and labels as written, with its labels. */
    static Map<String, Map<String, String>> parse(String exposition) {
        Map<String, Map<String, String>> series = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SERIES.matcher(line);
            assertThat(matcher.matches()).as("a series line: %s", line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\"));
                }
            }
            series.put(matcher.group(1) + "|" + (matcher.group(2) == null ? "" : matcher.group(2)) + "|" + matcher.group(3),
                    labels);
        }
        return series;
    }

    /**
     * The exposition, once the untriaged-queue gauge has a count: it reads NaN until the count
     * that a scrape starts has come back (UntriagedQueueTests). At most 10 s.
     */
    private String scrapeOnceTheQueueIsCounted() throws InterruptedException {
        String exposed = given().get(metrics).then().statusCode(200).extract().asString();
        for (int i = 0; i < 100 && Double.isNaN(value(parse(exposed), "tipline_review_untriaged_tips", Map.of())); i++) {
            Thread.sleep(100);
            exposed = given().get(metrics).then().statusCode(200).extract().asString();
        }
        return exposed;
    }

    private static double value(Map<String, Map<String, String>> series, String name, Map<String, String> labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + "|") && entry.getValue().equals(labels))
                .mapToDouble(entry -> Double.parseDouble(entry.getKey().substring(entry.getKey().lastIndexOf('|') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + name + labels));
    }
}
