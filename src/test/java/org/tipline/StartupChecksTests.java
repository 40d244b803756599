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
        System.clearProperty("tipline.allow-embedded-database");
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

    @Test
    void aSplitRoleRefusesTheEmbeddedDatabaseUnlessATrialAllowsIt() throws Exception {
        System.setProperty("tipline.data-dir", dir.toString());
        System.setProperty("tipline.role", "intake");
        System.setProperty("tipline.office-public-keyset",
                org.tipline.crypto.DemoKeys.ensure(dir.resolve("demo")).toString());
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new Serve().call();
        } finally {
            System.setErr(stderr);
        }
        assertThat(exitCode).isEqualTo(Serve.CANNOT_START);
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("tipline cannot start: the intake role needs a PostgreSQL server")
                .contains("TIPLINE_ALLOW_EMBEDDED_DATABASE=true");
        assertThat(dir.resolve("pg")).as("no embedded database was made").doesNotExist();
    }
}
