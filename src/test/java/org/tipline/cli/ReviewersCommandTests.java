package org.tipline.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.Totp;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import picocli.CommandLine;

/**
 * {@code tipline reviewers add}, run in this process against the test database: the account
 * and its audit entry are stored together, the account signs in with the printed TOTP URI,
 * and every refusal is one line that stores nothing.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ReviewersCommandTests {

    private static final String PASSWORD = "a long enough password";

    private final AgroalDataSource dataSource;
    private final OfficePublicKey officeKey;
    private Path work;
    private Path publicKeyset;
    private Path passwordFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    ReviewersCommandTests(AgroalDataSource dataSource, OfficePublicKey officeKey) {
        this.dataSource = dataSource;
        this.officeKey = officeKey;
    }

    @BeforeEach
    void files() throws Exception {
        work = Files.createTempDirectory(Path.of("target"), "reviewers-cli");
        publicKeyset = Files.writeString(work.resolve("office-public.json"), officeKey.keysetJson());
        passwordFile = Files.writeString(work.resolve("password.txt"), PASSWORD + "\n");
    }

    private int reviewers(String... args) {
        ReviewersCliContext context = new ReviewersCliContext(work.resolve("data"), Optional.of(publicKeyset),
                () -> CliDatabase.of(dataSource.getConnection()), prompt -> null, "ops user");
        CommandLine commandLine = ReviewersCommand.commandLine(() -> context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void anAccountIsStoredWithItsAuditEntryAndSignsInWithThePrintedCode() throws Exception {
        String username = "cli-" + System.nanoTime() % 1_000_000;
        assertThat(reviewers("add", "--username", username, "--role", "coordinator,auditor", "--program", "default",
                "--password-file", passwordFile.toString())).as(err.toString()).isZero();
        Matcher uri = Pattern.compile("otpauth://totp/\\S+").matcher(out.toString());
        assertThat(uri.find()).isTrue();
        assertThat(err.toString()).isEmpty();

        try (Connection connection = dataSource.getConnection();
                PreparedStatement audit = connection.prepareStatement(
                        "select actor, detail from audit_entry where action = 'account.create' and detail like ?")) {
            audit.setString(1, "%\"account\":\"" + username + "\"%");
            try (ResultSet rows = audit.executeQuery()) {
                assertThat(rows.next()).as("the account.create entry").isTrue();
                assertThat(rows.getString(1)).as("the operator, made safe").isEqualTo("cli:ops_user");
                assertThat(rows.getString(2)).contains("\"roles\":\"auditor,coordinator\"").doesNotContain(PASSWORD);
            }
        }

        String code = new Totp().codeAt(OfficeAccounts.secretOf(uri.group()), Instant.now());
        given().contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD, "totp", code))
                .post("/api/v1/review/session").then().statusCode(200);
    }

    @Test
    void aTakenUsernameIsOneLineAndWritesNothing() throws Exception {
        String username = "cli-taken-" + System.nanoTime() % 1_000_000;
        assertThat(reviewers("add", "--username", username, "--role", "reviewer", "--program", "default",
                "--password-file", passwordFile.toString())).isZero();
        long entries = auditEntries();
        err.getBuffer().setLength(0);
        assertThat(reviewers("add", "--username", username, "--role", "admin", "--program", "default",
                "--password-file", passwordFile.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tipline reviewers: the username " + username + " is taken"
                + System.lineSeparator());
        assertThat(auditEntries()).as("no second account.create").isEqualTo(entries);
    }

    @Test
    void refusalsAreOneLineWithTheirExitCodes() throws Exception {
        long entries = auditEntries();
        assertThat(reviewers("add", "--username", "cli-boss", "--role", "boss", "--program", "default",
                "--password-file", passwordFile.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tipline reviewers: unknown role; use reviewer, coordinator, auditor or admin"
                + System.lineSeparator());
        err.getBuffer().setLength(0);

        assertThat(reviewers("add", "--role", "reviewer", "--program", "default")).isEqualTo(2);
        assertThat(err.toString()).startsWith("tipline reviewers: Missing required option: '--username=<username>'")
                .hasLineCount(1);
        err.getBuffer().setLength(0);

        assertThat(reviewers("add", "--username", "cli-console", "--role", "reviewer", "--program", "default"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tipline reviewers: no console to ask for the password on; give "
                + "--password-file" + System.lineSeparator());
        assertThat(auditEntries()).isEqualTo(entries);
    }

    private long auditEntries() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from audit_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
