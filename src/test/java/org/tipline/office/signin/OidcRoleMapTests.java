package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipline.office.staff.ReviewerRole;

/** The role map takes a properties map and a comma list of pairs, and only ever yields tipline roles. */
class OidcRoleMapTests {

    @Test
    void theMapAndThePairsCombine() {
        OidcRoleMap map = OidcRoleMap.of(Map.of("cs-coord", "coordinator"),
                Optional.of(List.of("Tipline.Admin=admin", " cs-rev = reviewer ")));
        assertThat(map.problems()).isEmpty();
        assertThat(map.roles()).containsExactlyInAnyOrderEntriesOf(
                Map.of("cs-coord", ReviewerRole.COORDINATOR, "Tipline.Admin", ReviewerRole.ADMIN, "cs-rev", ReviewerRole.REVIEWER));
    }

    @Test
    void anythingButATiplineRoleIsAProblemAndIsLeftOut() {
        OidcRoleMap map = OidcRoleMap.of(Map.of("boss", "superuser", "ok", "auditor"),
                Optional.of(List.of("Admin=Admin", "no-equals-sign", "=admin", "ok=admin")));
        assertThat(map.roles()).containsExactlyEntriesOf(Map.of("ok", ReviewerRole.AUDITOR));
        assertThat(map.problems()).hasSize(5).anyMatch(p -> p.contains("boss")).anyMatch(p -> p.contains("'Admin'"))
                .anyMatch(p -> p.contains("no-equals-sign")).anyMatch(p -> p.contains("'=admin'"))
                .anyMatch(p -> p.contains("both auditor and admin"));
    }

    @Test
    void nothingConfiguredIsNoProblem() {
        OidcRoleMap map = OidcRoleMap.of(Map.of(), Optional.empty());
        assertThat(map.roles()).isEmpty();
        assertThat(map.problems()).isEmpty();
    }
}
