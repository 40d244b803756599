package org.tipline.tipster.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * The no-JavaScript form has a quota of its own, since its tips carry no proof-of-work: past
 * it, the form is refused (429) with its explanation and nothing is stored, while the JSON API
 * still takes tips. And the page may be framed only by the origins the operator lists.
 */
@QuarkusTest
@TestProfile(PageFormQuotaTests.SmallQuota.class)
@WithTestResource(TestDatabase.class)
class PageFormQuotaTests {

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tipline.page.form-tips-per-hour", "2",
                    "tipline.page.frame-ancestors", "https://www.example.org,https://example.org:8443");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theFormsQuotaRefusesTheThirdTipAndStoresNothing() {
        TipRows rows = new TipRows(dataSource);
        for (int i = 0; i < 2; i++) {
            assertThat(post("quota tip " + i).statusCode()).isEqualTo(201);
        }
        long before = rows.count();
        Response refused = post("one tip too many");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.asString()).contains("Too many tips have come through this form in the last hour");
        assertThat(rows.count()).isEqualTo(before);
        // The page with JavaScript posts to the API, which the form's quota does not touch.
        given().contentType("application/json").body(Map.of("category", "drugs", "description", "through the API"))
                .post("/api/v1/tips").then().statusCode(201);
    }

    @Test
    void onlyTheListedOriginsMayFrameThePage() {
        assertThat(given().get("/").header("Content-Security-Policy"))
                .endsWith("; frame-ancestors https://www.example.org https://example.org:8443");
        for (String bad : List.of("https://example.org; script-src *", "'unsafe-inline'", "https://example.org/path",
                "example.org", "*")) {
            assertThatThrownBy(() -> PageHeaders.policy(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Response post(String description) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("category", "drugs", "description", description)).post("/page/tip");
    }
}
