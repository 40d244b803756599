package org.tipline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
        return TiplineCli.withErrorHandling(commandLine);
    }

    /** Without a subcommand: a usage error, in one line like every other failure. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tipline keys: a command is needed: init, rotate, export-public, rewrap "
                + "or status (see keys --help)");
        spec.commandLine().getErr().flush();
        return TiplineCli.USAGE;
    }
}
