package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.platform.config.EarlySettings;

/** The start reads the same typed settings as the service, and says in one line what is wrong. */
class StartupChecksTests {

    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void clear() {
        System.clearProperty("tipline.role");
        System.clearProperty("tipline.data-dir");
        System.clearProperty("tipline.office-public-keyset");
        System.clearProperty("tipline.office-keyset");
    }

    @Test
    void anUnknownRoleIsOneLineNamingTheSetting() {
        System.setProperty("tipline.data-dir", dir.toString());
        System.setProperty("tipline.role", "reveiw");
        assertThatThrownBy(EarlySettings::read).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TIPLINE_ROLE must be intake, review or all-in-one");
    }

    @Test
    void theIntakeRoleNamesTheKeysetItNeeds() {
        System.setProperty("tipline.data-dir", dir.toString());
        System.setProperty("tipline.role", "intake");
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline()))
                .isEqualTo("the intake role needs TIPLINE_OFFICE_PUBLIC_KEYSET, the office public keyset");
    }

    @Test
    void allInOneWithoutSettingsUsesTheDemoKeys() {
        System.setProperty("tipline.data-dir", dir.toString());
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isNull();
        assertThat(dir.resolve("keys").resolve("office-public.json")).exists();
    }
}
