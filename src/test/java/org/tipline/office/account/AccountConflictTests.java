package org.tipline.office.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** Admins creating one username at once: one account, one audit entry, 409 for the others, never a 500. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class AccountConflictTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    @Test
    void creatingOneUsernameAtOnceGivesOneAccountAndConflictsNeverAServerError() throws Exception {
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        String admin = accounts.login(accounts.create("race-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null));
        String username = "race-" + System.nanoTime() % 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(admin).contentType("application/json")
                        .body(Map.of("username", username, "password", "a long enough password", "roles",
                                List.of("reviewer"), "programs", List.of("default")))
                        .post("/api/v1/review/accounts").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(1);
        assertThat(new TipRows(dataSource).countWhere("audit_entry",
                "action = 'account.create' and detail like '%" + username + "%'")).isEqualTo(1);
    }
}
