package org.tipline.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A role is served only from a build that holds its room; the intake build holds no office. */
class RoomCheckTests {

    private static final EnumSet<Room> BOTH = EnumSet.allOf(Room.class);
    private static final EnumSet<Room> INTAKE_BUILD = EnumSet.of(Room.TIPSTER);

    @Test
    void theUsualBuildServesEveryRole() {
        for (ServiceRole role : ServiceRole.values()) {
            assertThat(new RoomCheck(role, BOTH).problem()).as(role.label()).isNull();
        }
    }

    @Test
    void theIntakeBuildServesTheIntakeRoleOnly() {
        assertThat(new RoomCheck(ServiceRole.INTAKE, INTAKE_BUILD).problem()).isNull();
        for (ServiceRole role : new ServiceRole[] {ServiceRole.REVIEW, ServiceRole.ALL_IN_ONE}) {
            assertThat(new RoomCheck(role, INTAKE_BUILD).problem())
                    .isEqualTo("this is tipline's intake build (./mvnw package -Pintake), which holds no office code: it "
                            + "serves the intake role only; run the " + role.label() + " role from the usual build");
        }
    }

    @Test
    void theStartStopsWithOneLine() {
        RoomCheck check = new RoomCheck(ServiceRole.REVIEW, INTAKE_BUILD);
        assertThatThrownBy(() -> check.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("tipline cannot start: this is tipline's intake build")
                .hasMessageNotContaining("\n");
        new RoomCheck(ServiceRole.INTAKE, INTAKE_BUILD).onStart(null);
    }

    @Test
    void aBuildWithoutTheTipsterSideServesNoIntake() {
        EnumSet<Room> officeOnly = EnumSet.of(Room.OFFICE);
        assertThat(new RoomCheck(ServiceRole.INTAKE, officeOnly).problem()).contains("no tipster side");
        assertThat(new RoomCheck(ServiceRole.ALL_IN_ONE, officeOnly).problem()).contains("no tipster side");
        assertThat(new RoomCheck(ServiceRole.REVIEW, officeOnly).problem()).isNull();
    }
}
