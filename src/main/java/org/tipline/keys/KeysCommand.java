package org.tipline.keys;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tipline.crypto.KeyLoadingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tipline keys init|rotate|export-public|rewrap|status}: the operator's tool for the office
 * keyset. Runs without Quarkus and without a database.
 *
 * <p>Exit codes: 0 done, 1 refused or failed, 2 wrong usage. Every failure is one line on
 * standard error, never a stack trace: an operator should read what to do, and a stack
 * trace could carry values nobody meant to print.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, version = "tipline keys",
        description = "Custody of the office keyset: the private keys that open tips, encrypted at rest.")
public final class KeysCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    private KeysCommand() {
    }

    /** Runs {@code keys <args>} with the real environment and console; returns the exit code. */
    public static int run(String... args) {
        return commandLine(KeysCliContext.system()).execute(args);
    }

    /** The {@code keys} command line with its subcommands and one-line error handling. */
    public static CommandLine commandLine(KeysCliContext context) {
        CommandLine commandLine = new CommandLine(new KeysCommand())
                .addSubcommand(new InitCommand(context))
                .addSubcommand(new RotateCommand(context))
                .addSubcommand(new ExportPublicCommand(context))
                .addSubcommand(new RewrapCommand(context))
                .addSubcommand(new StatusCommand(context));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println("tipline keys: " + oneLine(exception));
            failed.getErr().flush();
            return FAILED;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("tipline keys: " + exception.getMessage() + " (see "
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return USAGE;
        });
        return commandLine;
    }

    /** Without a subcommand: a usage error, in one line like every other failure. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tipline keys: a command is needed: init, rotate, export-public, rewrap "
                + "or status (see keys --help)");
        spec.commandLine().getErr().flush();
        return USAGE;
    }

    /** Our own exceptions carry a message fit for an operator; for anything else only its type is named. */
    static String oneLine(Exception exception) {
        if (exception instanceof KeyLoadingException || exception instanceof KeyCustodyException) {
            return exception.getMessage();
        }
        return "unexpected failure (" + exception.getClass().getSimpleName() + ")";
    }
}
