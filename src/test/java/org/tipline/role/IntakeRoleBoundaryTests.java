package org.tipline.role;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
}
