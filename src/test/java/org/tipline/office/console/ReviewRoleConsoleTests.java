package org.tipline.office.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.tipline.testing.ReviewRoleProfile;
import org.tipline.testing.TestDatabase;

/** A review process serves the console, with the same headers as all-in-one. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(ReviewRoleProfile.class)
class ReviewRoleConsoleTests {

    @Test
    void theReviewRoleServesTheConsole() {
        for (String path : ConsoleServingTests.FILES) {
            ConsoleServingTests.assertServed(path);
        }
    }
}
