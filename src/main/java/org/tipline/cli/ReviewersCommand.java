package org.tipline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.PasswordHasher;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tipline reviewers add}: creates an office account from the command line, which is
 * how the first admin comes to exist. Prints the TOTP enrolment URI once; tipline keeps
 * only a copy of the secret sealed to the office public key. The account and its
 * {@code account.create} audit entry are written in one transaction ({@link AccountStore}).
 */
@Command(name = "reviewers", mixinStandardHelpOptions = true, version = "tipline reviewers",
        description = "Office accounts.")
public final class ReviewersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The {@code reviewers} command line with the real settings, console and database. */
    public static CommandLine commandLine() {
        return commandLine(ReviewersCliContext::system);
    }

    /** The {@code reviewers} command line; the context is asked for when a command runs. */
    public static CommandLine commandLine(Supplier<ReviewersCliContext> context) {
        return TiplineCli.withErrorHandling(new CommandLine(new ReviewersCommand()).addSubcommand(new Add(context)));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tipline reviewers: a command is needed: add (see reviewers --help)");
        return TiplineCli.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an office account and print its TOTP enrolment URI (shown once).")
    static final class Add implements Callable<Integer> {

        private final Supplier<ReviewersCliContext> contexts;

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

        Add(Supplier<ReviewersCliContext> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() throws Exception {
            List<ReviewerRole> parsedRoles = roles.stream().map(label -> {
                ReviewerRole role = ReviewerRole.fromLabel(label.trim());
                if (role == null) {
                    throw new CliRefusal("unknown role; use reviewer, coordinator, auditor or admin");
                }
                return role;
            }).toList();
            ReviewersCliContext context = contexts.get();
            OfficePublicKey officeKey = officeKey(context);
            char[] password = password(context);
            ReviewerEnrolment.Enrolled enrolled;
            try {
                SecureRandom random = new SecureRandom();
                ReviewerEnrolment enrolment = new ReviewerEnrolment(new PasswordHasher(random), random,
                        officeKey::seal);
                enrolled = enrolment.enrol(username, password, parsedRoles, programs, unit, LocalDate.now(ZoneOffset.UTC));
            } catch (IllegalArgumentException e) {
                throw new CliRefusal(e.getMessage());
            } finally {
                Arrays.fill(password, '\0');
            }
            new AccountStore(context.database()).create(enrolled.reviewer(), "cli:" + actorName(context.operator()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Account " + username + " created. Add this to the account's authenticator app now; "
                    + "it is not shown again:");
            out.println(enrolled.totpUri());
            out.flush();
            return TiplineCli.OK;
        }

        private OfficePublicKey officeKey(ReviewersCliContext context) {
            try {
                Path file;
                if (publicKeyset != null) {
                    file = publicKeyset;
                } else if (context.officePublicKeyset().isPresent()) {
                    file = context.officePublicKeyset().get();
                } else if (Files.exists(DemoKeys.privateFile(context.dataDir()))) {
                    file = context.dataDir().resolve("keys").resolve(DemoKeys.PUBLIC_FILE); // the all-in-one demo
                } else {
                    throw new CliRefusal("no office public keyset to seal the TOTP secret to: give --public-keyset "
                            + "(what 'keys export-public' writes) or set TIPLINE_OFFICE_PUBLIC_KEYSET");
                }
                return OfficePublicKey.read(file);
            } catch (KeyLoadingException e) {
                throw new CliRefusal(e.getMessage());
            }
        }

        private char[] password(ReviewersCliContext context) throws IOException {
            if (passwordFile != null) {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.endsWith("\n") ? text.substring(0, text.length() - 1).replaceAll("\r$", "").toCharArray()
                        : text.toCharArray();
            }
            char[] first = context.console().read("Password for " + username + ": ");
            if (first == null) {
                throw new CliRefusal("no console to ask for the password on; give --password-file");
            }
            char[] second = context.console().read("Repeat the password: ");
            boolean same = Arrays.equals(first, second);
            if (second != null) {
                Arrays.fill(second, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new CliRefusal("the two passwords differ; nothing was created");
            }
            return first;
        }

        /** The operating-system account as an audit actor: letters, digits, '.', '_' and '-' only. */
        private static String actorName(String user) {
            return user.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }
}
