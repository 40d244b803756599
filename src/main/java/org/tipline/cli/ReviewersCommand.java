package org.tipline.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditJdbc;
import org.tipline.office.staff.PasswordHasher;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerJdbc;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.storage.EmbeddedDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tipline reviewers add}: creates an office account from the command line, which is
 * how the first admin comes to exist. Prints the TOTP enrolment URI once; tipline keeps
 * only a copy of the secret sealed to the office public key.
 */
@Command(name = "reviewers", mixinStandardHelpOptions = true, version = "tipline reviewers",
        description = "Office accounts.", subcommands = ReviewersCommand.Add.class)
public final class ReviewersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The {@code reviewers} command line with its subcommands and one-line error handling. */
    public static CommandLine commandLine() {
        return TiplineCli.withErrorHandling(new CommandLine(new ReviewersCommand()));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tipline reviewers: a command is needed: add (see reviewers --help)");
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an office account and print its TOTP enrolment URI (shown once).")
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--username", required = true, description = "2 to 63 characters of a-z, 0-9, '.', '_', '-'")
        String username;

        @Option(names = "--role", required = true, split = ",",
                description = "reviewer, coordinator, auditor, admin (repeat or separate with commas)")
        List<String> roles;

        @Option(names = "--program", required = true, split = ",", description = "Programs whose tips the account sees")
        List<String> programs;

        @Option(names = "--unit", description = "The unit whose assigned tips a reviewer works")
        String unit;

        @Option(names = "--password-file", paramLabel = "<file>",
                description = "File holding the account's password (otherwise asked for on the console)")
        Path passwordFile;

        @Option(names = "--public-keyset", paramLabel = "<file>",
                description = "The office public keyset that seals the TOTP secret (default: "
                        + "$TIPLINE_OFFICE_PUBLIC_KEYSET, else the demo key of an all-in-one data directory)")
        Path publicKeyset;

        @Override
        public Integer call() throws Exception {
            List<ReviewerRole> parsedRoles = roles.stream().map(label -> {
                ReviewerRole role = ReviewerRole.fromLabel(label.trim());
                if (role == null) {
                    throw new Refused("unknown role; use reviewer, coordinator, auditor or admin");
                }
                return role;
            }).toList();
            Path dataDir = EmbeddedDatabase.dataDirectory();
            OfficePublicKey officeKey = officeKey(dataDir);
            char[] password = password();
            ReviewerEnrolment.Enrolled enrolled;
            try {
                SecureRandom random = new SecureRandom();
                ReviewerEnrolment enrolment = new ReviewerEnrolment(new PasswordHasher(random), random,
                        officeKey::seal);
                enrolled = enrolment.enrol(username, password, parsedRoles, programs, unit, LocalDate.now(ZoneOffset.UTC));
            } catch (IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            } finally {
                Arrays.fill(password, '\0');
            }
            try (CliDatabase database = CliDatabase.open(dataDir)) {
                Connection connection = database.connection();
                connection.setAutoCommit(false);
                insert(connection, enrolled.reviewer());
                // Recorded like the admin API's account.create, in the same transaction.
                AuditJdbc.append(connection, new AuditEvent("cli:" + operator(), AuditAction.ACCOUNT_CREATE, null, null,
                        enrolled.reviewer().auditDetail()));
                connection.commit();
            } catch (SQLException e) {
                throw new Refused("the account could not be stored (" + sqlReason(e) + ")");
            } catch (EmbeddedDatabase.StartFailure e) {
                throw new Refused(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Account " + username + " created. Add this to the account's authenticator app now; "
                    + "it is not shown again:");
            out.println(enrolled.totpUri());
            out.flush();
            return 0;
        }

        private OfficePublicKey officeKey(Path dataDir) {
            Path configured = EarlySettings.read().tipline().officePublicKeyset().orElse(null);
            try {
                Path file;
                if (publicKeyset != null) {
                    file = publicKeyset;
                } else if (configured != null) {
                    file = configured;
                } else if (Files.exists(DemoKeys.privateFile(dataDir))) {
                    file = dataDir.resolve("keys").resolve(DemoKeys.PUBLIC_FILE); // the all-in-one demo
                } else {
                    throw new Refused("no office public keyset to seal the TOTP secret to: give --public-keyset "
                            + "(what 'keys export-public' writes) or set TIPLINE_OFFICE_PUBLIC_KEYSET");
                }
                return OfficePublicKey.read(file);
            } catch (KeyLoadingException e) {
                throw new Refused(e.getMessage());
            }
        }

        private char[] password() throws IOException {
            if (passwordFile != null) {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.endsWith("\n") ? text.substring(0, text.length() - 1).replaceAll("\r$", "").toCharArray()
                        : text.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                throw new Refused("no console to ask for the password on; give --password-file");
            }
            char[] first = console.readPassword("Password for %s: ", username);
            char[] second = console.readPassword("Repeat the password: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                throw new Refused("the two passwords differ; nothing was created");
            }
            return first;
        }

        /** The operating-system account that ran the command, as the audit entry's actor. */
        private static String operator() {
            String user = System.getProperty("user.name", "unknown");
            return user.replaceAll("[^A-Za-z0-9._-]", "_");
        }

        private static void insert(Connection connection, Reviewer reviewer) throws SQLException {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from reviewer where username = ?")) {
                exists.setString(1, reviewer.username);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new Refused("the username " + reviewer.username + " is taken");
                    }
                }
            }
            ReviewerJdbc.insert(connection, reviewer);
        }

        private static String sqlReason(SQLException e) {
            return "42P01".equals(e.getSQLState()) ? "no schema yet: start tipline once so it creates it"
                    : "SQL state " + e.getSQLState();
        }
    }

    /** A refusal with a message fit for the operator. */
    static final class Refused extends CliRefusal {
        Refused(String message) {
            super(message);
        }
    }
}
