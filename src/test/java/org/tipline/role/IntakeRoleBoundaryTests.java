package org.tipline.role;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.testing.RoleBoundary;
import org.tipline.testing.Routes;
import org.tipline.testing.TestDatabase;

/**
 * On an intake process every office route is absent, in every spelling, with or without a
 * bearer token: the answer of a missing path, never a 401 that admits the route exists and
 * never a 500 from the office machinery that is switched off here.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(IntakeRoleTests.IntakeRole.class)
class IntakeRoleBoundaryTests {

    @Test
    void everyOfficeRouteIsAbsentInEverySpelling() {
        RoleBoundary.assertAbsent(Routes.of("org.tipline.office"),
                "Bearer tlr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void theOfficeConsoleIsAbsentInEverySpelling() {
        // Static files, which no resource declares: only the role gate keeps them off an intake process.
        RoleBoundary.assertAbsent(List.of(new Routes.Route("GET", "/office"), new Routes.Route("GET", "/office/"),
                new Routes.Route("GET", "/office/index.html"), new Routes.Route("GET", "/office/console.js"),
                new Routes.Route("GET", "/office/console.css"), new Routes.Route("GET", "/office/i18n/en.json"),
                new Routes.Route("GET", "/office/accounts.js"), new Routes.Route("GET", "/office/vendor/qr.js")), "Bearer tlr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }
}
