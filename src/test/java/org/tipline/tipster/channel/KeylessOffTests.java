package org.tipline.tipster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.testing.Channels;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** With {@code tipline.channels.accept-keyless=false}, a tip without a channel key is refused and nothing is written. */
@QuarkusTest
@TestProfile(KeylessOffTests.KeylessOff.class)
@WithTestResource(TestDatabase.class)
class KeylessOffTests {

    public static class KeylessOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tipline.channels.accept-keyless", "false");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTipWithoutAKeyIs401() {
        TipRows rows = new TipRows(dataSource);
        long before = rows.count();
        Channels.postTip(null, "no key").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/channel-key"));
        assertThat(rows.count()).isEqualTo(before);
    }
}
