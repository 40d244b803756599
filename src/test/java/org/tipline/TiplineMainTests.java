package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tipline.cli.TiplineCli;
import picocli.CommandLine;

/** Which commands the command line is built with: serving builds only what serving needs. */
class TiplineMainTests {

    @Test
    void servingBuildsOnlyServeVersionAndHelp() {
        assertThat(TiplineMain.commandLine().getSubcommands()).containsOnlyKeys("serve", "version", "help");
        assertThat(TiplineMain.commandLine("serve").getSubcommands()).containsOnlyKeys("serve", "version", "help");
    }

    @Test
    void everyOtherInvocationHasEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"keys", "--help"}, {"version"}, {"migrate"}}) {
            assertThat(TiplineMain.commandLine(args).getSubcommands()).as(String.join(" ", args))
                    .containsKeys("serve", "keys", "reviewers", "channels", "migrate", "solve-challenge", "version", "help");
        }
    }

    @Test
    void onlyServingWithoutOptionsSkipsTheCommandLine() {
        assertThat(TiplineMain.servesDirectly()).isTrue();
        assertThat(TiplineMain.servesDirectly("serve")).isTrue();
        assertThat(TiplineMain.servesDirectly("serve", "--help")).isFalse();
        assertThat(TiplineMain.servesDirectly("--help")).isFalse();
        assertThat(TiplineMain.servesDirectly("version")).isFalse();
        assertThat(TiplineMain.servesDirectly("keys", "serve")).isFalse();
    }

    @Test
    void servingDirectlyGivesServesExitCodeAndReportsAFailureInOneLine() {
        StringWriter err = new StringWriter();
        assertThat(TiplineCli.serve(() -> 2, "tipline", new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).isEmpty();
        int exitCode = TiplineCli.serve(() -> {
            throw new IllegalStateException("secret detail\nsecond line");
        }, "tipline serve", new PrintWriter(err, true));
        assertThat(exitCode).isEqualTo(TiplineCli.FAILED);
        assertThat(err.toString()).isEqualTo("tipline serve: unexpected failure (IllegalStateException)" + System.lineSeparator());
    }

    @Test
    void serveHelpStillPrintsAndExits() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = TiplineMain.commandLine("serve", "--help");
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("serve", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tipline serve");
    }
}
