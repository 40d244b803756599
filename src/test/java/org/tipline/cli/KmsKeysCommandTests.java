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
import org.tipline.keys.FakeKms;
import org.tipline.keys.OfficeKeyCustody;
import picocli.CommandLine;

/** The {@code keys} command line with a keyset under a KMS key: no passphrase anywhere. */
class KmsKeysCommandTests {

    private static final String[] CHEAP_KDF = {"--kdf-memory-kib", "1024", "--kdf-iterations", "1"};

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();
    private FakeKms fake;
    private String keyUri;
    private Path passphraseFile;
    private Path keyset;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeKms.install();
        keyUri = FakeKms.newKeyUri();
        settings.put(KeysCliContext.DATA_DIR, dir.resolve("data").toString());
        passphraseFile = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
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
        assertThat(out + err).doesNotContain(PASSPHRASE).doesNotContain("\tat ");
        return code;
    }

    private static String[] with(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private void assertOneLineError(String expected) {
        assertThat(err).isEqualTo("tipline keys: " + expected + System.lineSeparator());
        assertThat(out).isEmpty();
    }

    @Test
    void initStatusExportAndRotateAskForNothing() throws Exception {
        settings.put(KeysCliContext.PASSPHRASE_FILE, passphraseFile.toString());
        assertThat(keys("init", "--kms-key-uri", keyUri)).as(err).isZero();
        long first = new OfficeKeyCustody().status(keyset).primary().keyId();
        assertThat(out).contains("Created the office keyset " + keyset + " with key " + first
                + " (xwing), primary, encrypted under the KMS key " + keyUri + ".")
                .contains("never schedule it for deletion");

        assertThat(keys("status")).isZero();
        assertThat(out).contains("encrypted under: KMS key " + keyUri)
                .containsPattern(first + "\\s+xwing\\s+2026-11-25\\s+primary");

        Path publicFile = dir.resolve("office-public.json");
        assertThat(keys("export-public", "--out", publicFile.toString())).as(err).isZero();
        assertThat(KeysetFiles.readPublic(publicFile).getPrimary().getId()).isEqualTo((int) first);
        assertThat(keys("export-public")).isZero();
        assertThat(out).contains("ASYMMETRIC_PUBLIC");

        assertThat(keys("rotate", "--kem", "x25519")).as(err).isZero();
        long second = new OfficeKeyCustody().status(keyset).primary().keyId();
        assertThat(out).contains("Key " + second + " (x25519) is now primary");
        assertThat(prompts).as("no passphrase was asked for, and the passphrase file was not read").isEmpty();
    }

    @Test
    void aPassphraseOptionForAKmsKeysetIsRefused() {
        assertThat(keys("init", "--kms-key-uri", keyUri, "--passphrase-file", passphraseFile.toString())).isEqualTo(1);
        assertOneLineError("--kms-key-uri and a passphrase exclude each other: leave out --passphrase-file and the "
                + "--kdf options");
        assertThat(keys(with(new String[] {"init", "--kms-key-uri", keyUri}, CHEAP_KDF))).isEqualTo(1);
        assertThat(keyset).doesNotExist();

        assertThat(keys("init", "--kms-key-uri", keyUri)).isZero();
        for (String command : new String[] {"rotate", "export-public"}) {
            assertThat(keys(command, "--passphrase-file", passphraseFile.toString())).isEqualTo(1);
            assertOneLineError("the office keyset " + keyset + " is encrypted under a KMS key and needs no passphrase; "
                    + "leave out --passphrase-file");
        }
    }

    @Test
    void kmsCredentialsForAPassphraseKeysetAreRefused() {
        Path credentials = dir.resolve("credentials.json");
        assertThat(keys(with(new String[] {"init", "--kem", "x25519", "--passphrase-file", passphraseFile.toString(),
                "--kms-credentials-file", credentials.toString()}, CHEAP_KDF))).isEqualTo(1);
        assertOneLineError("--kms-credentials-file goes with --kms-key-uri");
        assertThat(keys(with(new String[] {"init", "--kem", "x25519", "--passphrase-file", passphraseFile.toString()},
                CHEAP_KDF))).isZero();
        assertThat(keys("rotate", "--kem", "x25519", "--kms-credentials-file", credentials.toString())).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " is encrypted under a passphrase, not a KMS key; "
                + "leave out --kms-credentials-file");
    }

    @Test
    void anUnreachableKmsIsOneLineAndExitCodeOne() {
        assertThat(keys("init", "--kms-key-uri", keyUri)).isZero();
        fake.mode(keyUri, FakeKms.Mode.UNREACHABLE);
        assertThat(keys("export-public")).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " cannot be unlocked: the KMS key " + keyUri
                + " is not reachable or refused (ConnectException)");
        assertThat(keys("status")).as("status never calls the KMS").isZero();
        fake.mode(keyUri, FakeKms.Mode.ANSWER);
    }

    @Test
    void initRefusesMalformedAndUnservedKeyUris() {
        assertThat(keys("init", "--kms-key-uri", "arn:aws:kms:eu-west-1:111122223333:key/x")).isEqualTo(1);
        assertThat(err).startsWith("tipline keys: a KMS key URI is one line of the form").hasLineCount(1);
        assertThat(keys("init", "--kms-key-uri", "hcvault://vault.example:8200/transit/keys/office")).isEqualTo(1);
        assertOneLineError("tipline has no KMS integration for hcvault:// keys; it reaches aws-kms:// (AWS KMS) and "
                + "gcp-kms:// (Google Cloud KMS)");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void rewrapFromAPassphraseToTheKmsAndBack() throws Exception {
        assertThat(keys(with(new String[] {"init", "--kem", "x25519", "--passphrase-file", passphraseFile.toString()},
                CHEAP_KDF))).isZero();
        Path before = dir.resolve("before.json");
        assertThat(keys("export-public", "--passphrase-file", passphraseFile.toString(), "--out", before.toString()))
                .isZero();

        assertThat(keys("rewrap", "--kms-key-uri", keyUri, "--passphrase-file", passphraseFile.toString()))
                .as(err).isZero();
        assertThat(out).contains("is now encrypted under the KMS key " + keyUri + "; its 1 key pairs are unchanged")
                .contains("Copies and backups of the old file still open with the passphrase (argon2id")
                .contains("The review role now starts without TIPLINE_OFFICE_KEY_PASSPHRASE_FILE.");
        Path after = dir.resolve("after.json");
        assertThat(keys("export-public", "--out", after.toString())).isZero();
        assertThat(Files.readString(after)).as("the public keyset is unchanged").isEqualTo(Files.readString(before));

        answers.add("a brand new office passphrase");
        answers.add("a brand new office passphrase");
        assertThat(keys(with(new String[] {"rewrap", "--to-passphrase"}, CHEAP_KDF))).as(err).isZero();
        assertThat(prompts).containsExactly("New office keyset passphrase: ", "Repeat the passphrase: ");
        assertThat(out).contains("is now encrypted under the passphrase (argon2id, 1024 KiB, 1 iterations")
                .contains("still open with the KMS key " + keyUri);
        Path newPassphrase = Files.writeString(dir.resolve("new-passphrase"), "a brand new office passphrase");
        assertThat(keys("export-public", "--passphrase-file", newPassphrase.toString())).isZero();
    }

    @Test
    void rewrapChangesAPassphraseAndAsksForTheCurrentOneFirst() throws Exception {
        assertThat(keys(with(new String[] {"init", "--kem", "x25519", "--passphrase-file", passphraseFile.toString()},
                CHEAP_KDF))).isZero();
        answers.add("not the passphrase");
        assertThat(keys(with(new String[] {"rewrap", "--to-passphrase"}, CHEAP_KDF))).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " cannot be unlocked: wrong passphrase or damaged file");
        assertThat(prompts).as("a wrong current passphrase stops before the new one is asked for")
                .containsExactly("Office keyset passphrase: ");

        Path newPassphrase = Files.writeString(dir.resolve("new-passphrase"), "another long passphrase\n");
        assertThat(keys(with(new String[] {"rewrap", "--to-passphrase", "--passphrase-file", passphraseFile.toString(),
                "--new-passphrase-file", newPassphrase.toString()}, CHEAP_KDF))).as(err).isZero();
        assertThat(keys("export-public", "--passphrase-file", passphraseFile.toString())).isEqualTo(1);
        assertThat(keys("export-public", "--passphrase-file", newPassphrase.toString())).isZero();
    }

    @Test
    void rewrapNeedsExactlyOneTarget() {
        assertThat(keys("rewrap")).isEqualTo(2);
        assertThat(err).hasLineCount(1).contains("--kms-key-uri").contains("--to-passphrase");
        assertThat(keys("rewrap", "--to-passphrase", "--kms-key-uri", keyUri)).isEqualTo(2);
        assertThat(err).hasLineCount(1).contains("mutually exclusive");
        assertThat(keys("rewrap", "--kms-key-uri", keyUri)).isEqualTo(1);
        assertOneLineError("the office keyset " + keyset + " does not exist (create one with keys init)");
        assertThat(keys("rewrap", "--kms-key-uri", keyUri, "--new-passphrase-file", "x")).isEqualTo(1);
        assertThat(err).contains("exclude each other").hasLineCount(1);
    }
}
