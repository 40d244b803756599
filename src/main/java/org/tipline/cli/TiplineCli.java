package org.tipline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.keys.KeyCustodyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code tipline} command line: {@code serve} (also what runs without a command),
 * {@code keys}, {@code reviewers}, {@code channels}, {@code migrate}, {@code solve-challenge}, {@code version}
 * and {@code help}. One error handler for all of them: a refusal is one line on standard error naming the command, never a stack
 * trace; wrong usage exits with 2, a refusal or failure with 1.
 */
@Command(name = "tipline", mixinStandardHelpOptions = true, versionProvider = TiplineCli.Version.class,
        description = "Anonymous crime tips for Crime Stoppers programs.",
        subcommandsRepeatable = false,
        footer = {"", "Without a command, tipline serves, as 'tipline serve' does.",
            "Settings come from TIPLINE_* and QUARKUS_* environment variables: see docs/configuration.md."})
public final class TiplineCli implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final Callable<Integer> serve;

    @Spec
    CommandSpec spec;

    private TiplineCli(Callable<Integer> serve) {
        this.serve = serve;
    }

    /** The whole command line, with {@code serve} running {@code serve} and the other commands given. */
    public static CommandLine commandLine(Callable<Integer> serve, Object... commands) {
        CommandLine commandLine = new CommandLine(new TiplineCli(serve));
        commandLine.addSubcommand(new ServeCommand(serve));
        for (Object command : commands) {
            commandLine.addSubcommand(command);
        }
        commandLine.addSubcommand(new VersionCommand());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return withErrorHandling(commandLine);
    }

    /**
     * The error handling every tipline command shares: refusals written for the operator
     * ({@link CliRefusal} and the key errors) print their message, anything else only its type, so that no stack trace, and no value
     * a library put in its message, reaches the terminal.
     */
    public static CommandLine withErrorHandling(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println(prefix(failed) + ": " + oneLine(exception));
            failed.getErr().flush();
            return FAILED;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(prefix(failed) + ": " + exception.getMessage() + " (see "
                    + failed.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return USAGE;
        });
        return commandLine;
    }

    /**
     * {@code tipline} or {@code tipline serve} without options, as every deployment starts it:
     * runs {@code serve} without building the command line, whose model picocli builds by
     * reflection (a tenth of a second and more of a start). A failure is reported as the
     * command line reports it: one line on {@code err}, naming the command, and exit code 1.
     */
    public static int serve(Callable<Integer> serve, String command, PrintWriter err) {
        try {
            return serve.call();
        } catch (Exception e) {
            err.println(command + ": " + oneLine(e));
            err.flush();
            return FAILED;
        }
    }

    /** {@code tipline keys} for a failure anywhere under {@code keys}, whether or not it runs under {@code tipline}. */
    static String prefix(CommandLine failed) {
        CommandLine group = failed;
        while (group.getParent() != null && !(group.getParent().getCommand() instanceof TiplineCli)) {
            group = group.getParent();
        }
        return group.getCommand() instanceof TiplineCli ? "tipline" : "tipline " + group.getCommandName();
    }

    static String oneLine(Exception exception) {
        if (exception instanceof CliRefusal || exception instanceof KeyLoadingException
                || exception instanceof KeyCustodyException) {
            return exception.getMessage();
        }
        return "unexpected failure (" + exception.getClass().getSimpleName() + ")";
    }

    /** Without a command: serve. */
    @Override
    public Integer call() throws Exception {
        return serve.call();
    }

    /** {@code tipline serve}: the HTTP service of the configured role. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the role chosen by TIPLINE_ROLE (intake, review or all-in-one, the default).")
    static final class ServeCommand implements Callable<Integer> {

        private final Callable<Integer> serve;

        ServeCommand(Callable<Integer> serve) {
            this.serve = serve;
        }

        @Override
        public Integer call() throws Exception {
            return serve.call();
        }
    }

    /** {@code tipline version}, the same as {@code tipline --version}. */
    @Command(name = "version", description = "Print tipline's version and exit.")
    static final class VersionCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            for (String line : new Version().getVersion()) {
                spec.commandLine().getOut().println(line);
            }
            spec.commandLine().getOut().flush();
            return OK;
        }
    }

    /** The version Maven wrote into {@code tipline-version.properties} at build time. */
    public static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"tipline " + number()};
        }

        public static String number() {
            Properties properties = new Properties();
            try (InputStream in = TiplineCli.class.getResourceAsStream("/tipline-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // no version file: say so below
            }
            return properties.getProperty("version", "(version unknown)");
        }
    }
}
