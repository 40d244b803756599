package org.tipline.office.account;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerRole;

/** Request and response bodies of the account API. */
public final class AccountViews {

    private AccountViews() {
    }

    @Schema(name = "NewAccount")
    public record NewAccount(
            @jakarta.validation.constraints.NotNull String username,
            @jakarta.validation.constraints.NotNull
            @Schema(description = "12 to 256 characters") String password,
            @jakarta.validation.constraints.NotNull
            @Schema(description = "reviewer, coordinator, auditor, admin") List<String> roles,
            @jakarta.validation.constraints.NotNull List<String> programs,
            String unit) {

        @Override
        public String toString() {
            return "NewAccount[username=" + username + "]";
        }
    }

    @Schema(name = "AccountChange", description = "Absent fields stay as they are")
    public record AccountChange(Boolean disabled, List<String> roles, List<String> programs,
            @Schema(description = "Empty string clears the unit") String unit) {
    }

    @Schema(name = "Account")
    public record AccountView(String username, List<String> roles, List<String> programs, String unit,
            boolean disabled, LocalDate createdOn) {

        static AccountView of(Reviewer reviewer) {
            return new AccountView(reviewer.username, Arrays.stream(reviewer.roles).map(ReviewerRole::label).toList(),
                    List.of(reviewer.programs),
                    reviewer.unit, reviewer.disabled, reviewer.createdOn);
        }
    }

    @Schema(name = "CreatedAccount")
    public record CreatedAccount(AccountView account,
            @Schema(description = "otpauth:// URI for the account's authenticator app. Shown once; tipline keeps "
                    + "only a sealed copy of the secret.") String totpUri) {
    }
}
