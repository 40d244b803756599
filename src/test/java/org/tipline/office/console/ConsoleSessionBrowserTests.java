package org.tipline.office.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.office.console.ConsoleFlowChecks.NO_STORAGE;
import static org.tipline.office.console.ConsoleFlowChecks.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;

/**
 * The console's session against the clock, in headless Chromium (console-flow.mjs, flow
 * "session-expiry"), with sessions of {@value #TTL_SECONDS} seconds that refreshing extends
 * up to {@value #MAX_AGE_SECONDS} seconds: the console refreshes the token before it expires, so
 * the coordinator still works after the first lifetime has passed; when the session reaches its
 * limit, the refused refresh takes the console back to sign-in by itself, and neither the page,
 * the page back in history nor the browser's storage holds anything of the tip.
 */
@QuarkusTest
@TestProfile(ConsoleSessionBrowserTests.ShortSessions.class)
@WithTestResource(TestDatabase.class)
class ConsoleSessionBrowserTests {

    static final int TTL_SECONDS = 8;
    static final int MAX_AGE_SECONDS = 20;

    /** Office sessions of seconds, not minutes. */
    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tipline.review.session-ttl", "PT" + TTL_SECONDS + "S",
                    "tipline.review.session-max-age", "PT" + MAX_AGE_SECONDS + "S");
        }
    }

    @TestHTTPResource("/")
    URL tipline;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private OfficeAccounts accounts;
    private TipRows rows;

    @BeforeEach
    void setUp() {
        NodeTools.requireBrowser();
        NodeTools.require("axe-core");
        accounts = new OfficeAccounts(dataSource, officeKey);
        rows = new TipRows(dataSource);
    }

    @Test
    void theConsoleRefreshesPastTheFirstLifetimeAndClearsEverythingWhenTheSessionEnds() throws Exception {
        String description = "short session tip " + UUID.randomUUID();
        Tipsters.Tipster tipster = Tipsters.submit(description);
        OfficeAccounts.Account cora = accounts.create("session-cora", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("flow", "session-expiry");
        options.put("lang", "en");
        options.put("username", cora.username());
        options.put("password", OfficeAccounts.PASSWORD);
        options.put("totp", accounts.code(cora));
        options.put("reference", tipster.reference());
        options.put("purpose", "session test " + UUID.randomUUID());
        options.put("liveAfterMs", (TTL_SECONDS + 3) * 1000);
        JsonNode result = NodeTools.browserFlow("console-flow.mjs", tipline, ConsoleFlowChecks.SCREENSHOTS, options);
        ConsoleFlowChecks.assertClean(result, NodeTools.origin(tipline));
        assertThat(result.path("description").asText()).isEqualTo(description);

        // Past the first token's lifetime, that token is dead, but the refreshed session reads on.
        assertThat(result.path("firstTokenLater").asInt()).isEqualTo(401);
        assertThat(result.path("readAfterFirstLifetime").path("status").asInt()).isEqualTo(200);
        assertThat(result.path("readAfterFirstLifetime").path("afterMs").asLong()).isGreaterThan(TTL_SECONDS * 1000L);
        assertThat(result.path("refreshes").asInt()).isPositive();
        assertThat(rows.countWhere("audit_entry", "action = 'dialogue.read' and actor = '" + cora.username() + "'"))
                .isEqualTo(1);

        // At the session's limit the refresh is refused, and the console goes back to sign-in by itself.
        assertThat(result.path("endedAfterMs").asLong()).isBetween(MAX_AGE_SECONDS * 1000L, (MAX_AGE_SECONDS + 30) * 1000L);
        assertThat(result.path("noticeAfterEnd").asText()).isEqualTo("Your session has ended. Sign in again.");
        assertThat(texts(result.path("apiRefusals"))).contains("/api/v1/review/session/refresh 401 (Unauthorized)");
        for (String field : List.of("textAfterEnd", "textAfterBack")) {
            assertThat(result.path(field).asText()).as(field).doesNotContain(description)
                    .doesNotContain(tipster.reference());
        }
        assertThat(result.path("storageAfterEnd").toString()).isEqualTo(NO_STORAGE);
    }
}
