package org.tipline.platform.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * With JSON logs switched on (the setting an operator uses for the console, here for the test's
 * log file), each record is one line holding one JSON object, control characters in a message
 * come out escaped, and the records written while tipsters and a failed office sign-in are
 * served carry none of what they sent: no header value, no body text, no reference.
 */
@QuarkusTest
@TestProfile(JsonLogTests.JsonLogs.class)
@WithTestResource(TestDatabase.class)
class JsonLogTests {

    static final Path FILE = Path.of("target", "test-logs", "tipline-json.log").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.json.enabled", "true", "quarkus.log.file.path", FILE.toString());
        }
    }

    @Test
    void eachRecordIsOneJsonLineWithoutRequestData() throws Exception {
        String marker = "JSONLOG" + UUID.randomUUID().toString().substring(0, 8);
        long start = Files.exists(FILE) ? Files.size(FILE) : 0;

        String forged = marker + "-ctl\r\n12:00:00 ERROR [forged] line\u001b[31m\u0000\u2028end";
        Log.info(forged);
        Tipsters.Tipster tipster = Tipsters.submit("tip text " + marker);
        given().header("User-Agent", "agent-" + marker).header("X-Forwarded-For", "198.51.100.9, xff-" + marker)
                .header("Referer", "https://ref-" + marker + ".example/").contentType("application/json")
                .body(Map.of("category", "drugs", "description", "body " + marker)).post("/api/v1/tips")
                .then().statusCode(201);
        given().header("Authorization", Tipsters.header(tipster.reference(), "wrong " + marker))
                .get("/api/v1/followup").then().statusCode(401);
        given().header("User-Agent", "agent-" + marker).contentType("application/json")
                .body(Map.of("username", "user-" + marker, "password", "pw-" + marker, "totp", "123456"))
                .post("/api/v1/review/session").then().statusCode(401);

        List<JsonNode> records = recordsSince(start);
        List<String> messages = new ArrayList<>();
        for (JsonNode record : records) {
            messages.add(record.path("message").asText());
        }
        assertThat(messages).as("the control characters came through the encoder and back intact").contains(forged);
        assertThat(messages).as("a refused office login writes its line").anyMatch(m -> m.startsWith("login refused"));
        for (JsonNode record : records) {
            if (record.path("message").asText().equals(forged)) {
                continue;
            }
            String text = record.toString();
            assertThat(text).as("a record written while tipsters were served").doesNotContain(marker)
                    .doesNotContain(tipster.reference()).doesNotContain(tipster.passphrase())
                    .doesNotContain("198.51.100.9");
            for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
                assertThat(names.next()).as("fields of %s", text)
                        .isIn("timestamp", "sequence", "loggerClassName", "loggerName", "level", "message", "threadName",
                                "threadId", "mdc", "ndc", "hostName", "processName", "processId");
            }
            assertThat(record.path("mdc").size()).as("no request context in %s", text).isZero();
        }
    }

    private static List<JsonNode> recordsSince(long start) throws Exception {
        Thread.sleep(500); // what is logged asynchronously has reached the file
        byte[] bytes = Files.readAllBytes(FILE);
        String text = new String(bytes, (int) start, bytes.length - (int) start, StandardCharsets.UTF_8);
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            // U+2028 and U+2029 are legal in a JSON string and the encoder writes them as they are:
            // they end no JSON line. No tipline log line holds input, so neither comes from a client.
            assertThat(line).as("a record is one line, with no raw control character").doesNotContainPattern("\\p{Cntrl}");
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            records.add(record);
        }
        assertThat(records).isNotEmpty();
        return records;
    }
}
