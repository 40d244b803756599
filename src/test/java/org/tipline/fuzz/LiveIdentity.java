package org.tipline.fuzz;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.Tipsters;

/**
 * The fuzz's real credentials, made through the API and the test helpers, and renewed when
 * a fuzz request spends them (an office sign-out or token refresh, a tipster sign-out or an
 * erased mailbox).
 */
public final class LiveIdentity implements FuzzIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OfficeAccounts accounts;
    private final String otherUsername;
    private String officeToken;
    private Tipsters.Tipster tipster;
    private String tipsterToken;

    public LiveIdentity(OfficeAccounts accounts) {
        this.accounts = accounts;
        this.otherUsername = accounts.create("fuzz-other", List.of(ReviewerRole.REVIEWER), List.of("default"), null).username();
        newOfficeSession();
        newTipster();
    }

    @Override
    public String officeToken() {
        return officeToken;
    }

    @Override
    public String reference() {
        return tipster.reference();
    }

    @Override
    public String tipsterHeader() {
        return tipster.authorization();
    }

    @Override
    public String tipsterToken() {
        return tipsterToken;
    }

    @Override
    public String otherUsername() {
        return otherUsername;
    }

    /** After a successful answer to {@code operation}, replaces whatever that answer used up. */
    public void renewAfter(String operation, RawHttp.Answer answer) throws IOException {
        switch (operation) {
            case "POST /api/v1/review/session/refresh" -> {
                String token = JSON.readTree(answer.body()).path("token").asText(null);
                if (token != null) {
                    officeToken = token;
                } else {
                    newOfficeSession();
                }
            }
            case "DELETE /api/v1/review/session" -> newOfficeSession();
            case "DELETE /api/v1/followup/session" -> newTipsterSession();
            case "DELETE /api/v1/followup/access" -> newTipster();
            default -> {
            }
        }
    }

    private void newOfficeSession() {
        OfficeAccounts.Account account = accounts.create("fuzz",
                List.of(ReviewerRole.COORDINATOR, ReviewerRole.ADMIN, ReviewerRole.AUDITOR), List.of("default"), null);
        officeToken = accounts.login(account);
    }

    private void newTipster() {
        tipster = Tipsters.submit("fuzz tip " + Hostile.MARKER);
        newTipsterSession();
    }

    private void newTipsterSession() {
        tipsterToken = given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session")
                .then().statusCode(201).extract().path("token");
    }
}
