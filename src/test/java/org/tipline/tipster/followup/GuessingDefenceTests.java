package org.tipline.tipster.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;

/**
 * A thousand wrong guesses against one reference stay within the documented budget and do
 * not lock its owner out. The budget here is 120 failures a minute (a burst of 12), so the
 * test is short; the delay per reference is capped low for the same reason.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(GuessingDefenceTests.SmallBudget.class)
class GuessingDefenceTests {

    static final int PER_MINUTE = 120;

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tipline.followup.failed-signins-per-minute", Integer.toString(PER_MINUTE),
                    "tipline.followup.max-failure-delay", "PT0.05S");
        }
    }

    @TestHTTPResource("/api/v1/followup")
    URI mailbox;

    @Test
    void aThousandWrongGuessesStayWithinTheBudgetAndTheOwnerStillGetsIn() throws Exception {
        Tipster owner = Tipsters.submit("The owner of this tip will come back");
        HttpClient client = HttpClient.newHttpClient();
        SecureRandom random = new SecureRandom();
        List<String> guesses = new ArrayList<>();
        while (guesses.size() < 1_000) {
            String guess = TipsterPassphrase.generate(random);
            if (!guess.equals(owner.passphrase())) {
                guesses.add(guess);
            }
        }

        ExecutorService attackers = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String guess : guesses) {
            answers.add(attackers.submit(() -> client.send(HttpRequest.newBuilder(mailbox)
                    .header("Authorization", Tipsters.header(owner.reference(), guess)).GET().build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        int refused = 0;
        int throttled = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as("a guess is refused or throttled, never anything else").isIn(401, 429);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            if (response.statusCode() == 401) {
                refused++;
            } else {
                throttled++;
                assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        attackers.shutdown();

        // Each 401 is a guess that was checked: no more than the burst plus the steady rate.
        double budget = PER_MINUTE / 10.0 + PER_MINUTE / 60.0 * seconds + 1;
        assertThat(refused).as("guesses checked in %.1f s", seconds).isLessThanOrEqualTo((int) budget);
        assertThat(refused + throttled).isEqualTo(1_000);
        assertThat(throttled).isPositive();

        // The owner: at most one wait for the global budget, then in at once with one Argon2id.
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            response = client.send(HttpRequest.newBuilder(mailbox).header("Authorization", owner.authorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429) {
                break;
            }
            Thread.sleep(1_000L * Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()));
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(owner.reference());
    }
}
