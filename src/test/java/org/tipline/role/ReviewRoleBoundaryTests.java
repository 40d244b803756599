package org.tipline.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.tipline.testing.ReviewRoleProfile;
import org.tipline.testing.RoleBoundary;
import org.tipline.testing.Routes;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * On a review process every tipster route is absent, in every spelling: no tip is taken,
 * no mailbox opened, no tipster session started, whatever the path looks like.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(ReviewRoleProfile.class)
class ReviewRoleBoundaryTests {

    private final AgroalDataSource dataSource;

    ReviewRoleBoundaryTests(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void everyTipsterRouteIsAbsentInEverySpellingAndNothingIsStored() throws Exception {
        long tips = count("tip");
        long sessions = count("followup_session");
        java.util.List<Routes.Route> routes = new java.util.ArrayList<>(Routes.of("org.tipline.tipster"));
        // The page's static files, which no resource declares: only the role gate keeps them off a review process.
        routes.add(new Routes.Route("GET", "/page/assets/page.js"));
        routes.add(new Routes.Route("GET", "/page/assets/page.css"));
        RoleBoundary.assertAbsent(routes,
                Tipsters.header("TIP-AAAA-BBBB-CCCC-DDDD", "one two three four five six seven"));
        assertThat(count("tip")).as("no tip was taken").isEqualTo(tips);
        assertThat(count("followup_session")).as("no tipster session was started").isEqualTo(sessions);
    }

    private long count(String table) throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
