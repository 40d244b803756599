package org.tipline.office.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.testing.MigrationChecks;

/**
 * Roles keep the text that {@code reviewer.roles} holds and that {@code @RolesAllowed} names:
 * the labels are the *_NAME constants and the values the column's check admits, and an
 * account's roles are stored as before, sorted by label.
 */
class ReviewerRoleTests {

    @Test
    void theLabelsAreTheSecurityRoleNamesAndTheStoredText() {
        assertThat(ReviewerRole.REVIEWER.label()).isEqualTo(ReviewerRole.REVIEWER_NAME).isEqualTo("reviewer");
        assertThat(ReviewerRole.COORDINATOR.label()).isEqualTo(ReviewerRole.COORDINATOR_NAME).isEqualTo("coordinator");
        assertThat(ReviewerRole.AUDITOR.label()).isEqualTo(ReviewerRole.AUDITOR_NAME).isEqualTo("auditor");
        assertThat(ReviewerRole.ADMIN.label()).isEqualTo(ReviewerRole.ADMIN_NAME).isEqualTo("admin");
        assertThat(Arrays.stream(ReviewerRole.values()).map(ReviewerRole::label))
                .containsExactlyElementsOf(MigrationChecks.values("V2__office.sql", "reviewer_roles_known"));
        for (ReviewerRole role : ReviewerRole.values()) {
            assertThat(ReviewerRole.fromLabel(role.label())).isSameAs(role);
        }
        assertThat(ReviewerRole.fromLabel("ADMIN")).isNull();
        assertThat(ReviewerRole.fromLabel("superuser")).isNull();
        assertThat(ReviewerRole.fromLabel(null)).isNull();
    }

    @Test
    void rolesAreStoredOnceEachSortedByLabel() {
        ReviewerRole[] sorted = ReviewerRole.sortedByLabel(List.of(ReviewerRole.REVIEWER, ReviewerRole.ADMIN,
                ReviewerRole.COORDINATOR, ReviewerRole.AUDITOR, ReviewerRole.ADMIN));
        assertThat(sorted).containsExactly(ReviewerRole.ADMIN, ReviewerRole.AUDITOR, ReviewerRole.COORDINATOR,
                ReviewerRole.REVIEWER);
        ReviewerRolesConverter converter = new ReviewerRolesConverter();
        assertThat(converter.convertToDatabaseColumn(sorted)).containsExactly("admin", "auditor", "coordinator", "reviewer");
        // Read back in the stored order, whatever it is.
        assertThat(converter.convertToEntityAttribute(new String[] {"reviewer", "admin"}))
                .containsExactly(ReviewerRole.REVIEWER, ReviewerRole.ADMIN);
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
        assertThatThrownBy(() -> converter.convertToEntityAttribute(new String[] {"reviewer", "ZQX"}))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("ZQX");
    }

    @Test
    void theCallerSpeaksTheEnumAndTheIdentityTheLabels() {
        Caller caller = new Caller(UUID.randomUUID(), "cora", Set.of(ReviewerRole.COORDINATOR, ReviewerRole.AUDITOR),
                Set.of("default"), null);
        assertThat(caller.has(ReviewerRole.COORDINATOR)).isTrue();
        assertThat(caller.has(ReviewerRole.REVIEWER)).isFalse();
        assertThat(caller.roleNames()).containsExactlyInAnyOrder(ReviewerRole.COORDINATOR_NAME, ReviewerRole.AUDITOR_NAME);
    }
}
