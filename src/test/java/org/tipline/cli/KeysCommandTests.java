package org.tipline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.keys.KeysTesting.NOV_25;
import static org.tipline.keys.KeysTesting.PASSPHRASE;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.OfficeKeyCustody;
import picocli.CommandLine;

/** The {@code keys} command line: exit codes, output, and one clear line on failure. */
class KeysCommandTests {

    private static final String[] CHEAP_KDF = {"--kdf-memory-kib", "1024", "--kdf-iterations", "1"};

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();
    private Path passphraseFile;
    private Path keyset;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        settings.put(KeysCliContext.DATA_DIR, dir.resolve("data").toString());
        passphraseFile = dir.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        keyset = dir.resolve("data").resolve("keys").resolve("office-keyset.json");
    }

    private int keys(String... args) {
        KeysCliContext context = new KeysCliContext(settings::get, prompt -> {
            prompts.add(prompt);
            String answer = answers.poll();
            return answer == null ? null : answer.toCharArray();
        }, new OfficeKeyCustody(NOV_25, () -> true));
        CommandLine commandLine = KeysCommand.commandLine(context);
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        int code = commandLine.execute(args);
        out = outText.toString();
        err = errText.toString();
        assertThat(out + err).as("the passphrase is never printed").doesNotContain(PASSPHRASE);
        return code;
    }

    private static String[] with(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private int init(String... more) {
        return keys(with(with(new String[] {"init", "--passphrase-file", passphraseFile.toString()}, CHEAP_KDF), more));
    }

    private void assertOneLineError(String expected) {
        assertThat(err).isEqualTo("tipline keys: " + expected + System.lineSeparator());
        assertThat(out).isEmpty();
    }

    @Test
    void initStatusExportAndRotateInTheDefaultPlace() throws Exception {
        assertThat(init()).isZero();
        assertThat(err).isEmpty();
        assertThat(keyset).exists();
        long first = new OfficeKeyCustody().status(keyset).primary().keyId();
        assertThat(out).contains("Created the office keyset " + keyset + " with key " + first + " (xwing), primary.");

        assertThat(keys("status")).isZero();
        assertThat(out).contains("office keyset " + keyset)
                .containsPattern(first + "\\s+xwing\\s+2026-11-25\\s+primary")
                .contains("argon2id, 1024 KiB, 1 iterations");

        Path publicFile = dir.resolve("office-public.json");
        assertThat(keys("export-public", "--passphrase-file", passphraseFile.toString(), "--out", publicFile.toString()))
                .isZero();
        assertThat(KeysetFiles.readPublic(publicFile).getPrimary().getId()).isEqualTo((int) first);

        assertThat(keys("rotate", "--kem", "x25519", "--passphrase-file", passphraseFile.toString())).isZero();
        long second = new OfficeKeyCustody().status(keyset).primary().keyId();
        assertThat(out).contains("Key " + second + " (x25519) is now primary");
        assertThat(keys("status", "--keyset", keyset.toString())).isZero();
        assertThat(out).containsPattern(first + "\\s+xwing\\s+2026-11-25\\s*\\R")
                .containsPattern(second + "\\s+x25519\\s+2026-11-25\\s+primary");
    }

    @Test
    void exportPublicWithoutOutPrintsThePublicKeyset() throws Exception {
        assertThat(init("--kem", "x25519")).isZero();
        assertThat(keys("export-public", "--passphrase-file", passphraseFile.toString())).isZero();
        Path printed = dir.resolve("printed.json");
        Files.writeString(printed, out);
        assertThat(KeysetFiles.readPublic(printed).size()).isEqualTo(1);
    }

    @Test
    void aWrongPassphraseIsOneClearLineAndNoStackTrace() throws Exception {
        assertThat(init()).isZero();
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not the passphrase at all");
        for (String command : new String[] {"export-public", "rotate"}) {
            assertThat(keys(command, "--passphrase-file", wrong.toString())).isEqualTo(1);
            assertOneLineError("the office keyset " + keyset + " cannot be unlocked: wrong passphrase or damaged file");
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(new OfficeKeyCustody().status(keyset).keys()).as("rotate changed nothing").hasSize(1);
    }

    @Test
    void initRefusesToOverwrite() throws Exception {
        assertThat(init()).isZero();
        String before = Files.readString(keyset);
        assertThat(init()).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " exists already; init never overwrites a keyset "
                + "(use keys rotate to add a key pair)");
        assertThat(Files.readString(keyset)).isEqualTo(before);
    }

    @Test
    void initRefusesAShortPassphrase() throws Exception {
        Files.writeString(passphraseFile, "short pass\n");
        assertThat(init()).isEqualTo(1);
        assertOneLineError("the passphrase is too short: use at least 12 characters (a few random words are best)");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void initAsksTwiceOnTheConsole() throws Exception {
        answers.add(PASSPHRASE);
        answers.add(PASSPHRASE);
        assertThat(keys(with(new String[] {"init", "--kem", "x25519"}, CHEAP_KDF))).isZero();
        assertThat(prompts).containsExactly("New office keyset passphrase: ", "Repeat the passphrase: ");

        answers.add(PASSPHRASE);
        assertThat(keys("rotate", "--kem", "x25519")).isZero();
        assertThat(prompts).hasSize(3).last().isEqualTo("Office keyset passphrase: ");
    }

    @Test
    void initStopsWhenTheTwoAnswersDiffer() {
        answers.add(PASSPHRASE);
        answers.add(PASSPHRASE + "!");
        assertThat(keys(with(new String[] {"init"}, CHEAP_KDF))).isEqualTo(1);
        assertOneLineError("the two passphrases differ; nothing was changed");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void withoutAConsoleOrFileThePassphraseIsMissingClearly() {
        assertThat(keys(with(new String[] {"init"}, CHEAP_KDF))).isEqualTo(1);
        assertOneLineError("no passphrase: there is no console to ask on; give --passphrase-file or set "
                + "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
    }

    @Test
    void thePassphraseFileMayComeFromTheEnvironment() throws Exception {
        settings.put(KeysCliContext.PASSPHRASE_FILE, passphraseFile.toString());
        assertThat(keys(with(new String[] {"init", "--kem", "x25519"}, CHEAP_KDF))).isZero();
        assertThat(keys("export-public")).isZero();
        assertThat(prompts).isEmpty();
    }

    @Test
    void statusNeedsNoPassphrase() throws Exception {
        assertThat(init()).isZero();
        assertThat(keys("status")).isZero();
        assertThat(prompts).isEmpty();
    }

    @Test
    void checksComeBeforeThePassphraseIsAskedFor() throws Exception {
        assertThat(keys("rotate")).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " does not exist (create one with keys init)");
        assertThat(prompts).isEmpty();
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeTwo() {
        assertThat(keys("init", "--kem", "rsa")).isEqualTo(2);
        assertThat(err).startsWith("tipline keys: Invalid value for option '--kem'")
                .endsWith("(see keys init --help)" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(keys("destroy")).isEqualTo(2);
        assertThat(err).hasLineCount(1);
        assertThat(keys()).as("no subcommand").isEqualTo(2);
        assertThat(err).hasLineCount(1).contains("init, rotate, export-public, rewrap or status");
        assertThat(keys("--help")).isZero();
        assertThat(out).contains("init", "rotate", "export-public", "rewrap", "status");
    }

    @Test
    void kdfSettingsOutOfBoundsAreRefused() {
        assertThat(keys("init", "--passphrase-file", passphraseFile.toString(), "--kdf-memory-kib", "8")).isEqualTo(1);
        assertOneLineError("Argon2id memory must be between 1024 and 4194304 KiB");
    }

    @Test
    void xWingNeedsConscrypt() throws Exception {
        KeysCliContext context = new KeysCliContext(settings::get, prompt -> null,
                new OfficeKeyCustody(NOV_25, () -> false));
        CommandLine commandLine = KeysCommand.commandLine(context);
        StringWriter errText = new StringWriter();
        commandLine.setErr(new PrintWriter(errText, true));
        assertThat(commandLine.execute("init", "--passphrase-file", passphraseFile.toString())).isEqualTo(1);
        assertThat(errText.toString()).startsWith("tipline keys: X-Wing keys need Conscrypt").hasLineCount(1);
        assertThat(keyset).doesNotExist();
        assertThat(commandLine.execute(with(new String[] {"init", "--kem", "x25519", "--passphrase-file",
                passphraseFile.toString()}, CHEAP_KDF))).isZero();
        assertThat(keyset).exists();
        assertThat(new OfficeKeyCustody().status(keyset).primary().kem()).isEqualTo(OfficeKem.X25519);
    }
}
