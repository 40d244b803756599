package org.tipline;

import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintWriter;
import org.tipline.cli.ChannelsCommand;
import org.tipline.cli.KeysCliContext;
import org.tipline.cli.KeysCommand;
import org.tipline.cli.MigrateCommand;
import org.tipline.cli.ReviewersCommand;
import org.tipline.cli.SolveChallengeCommand;
import org.tipline.cli.TiplineCli;
import picocli.CommandLine;

/**
 * Starts tipline: {@code tipline [serve]} serves the configured role, {@code tipline keys ...},
 * {@code tipline reviewers ...} and {@code tipline channels ...} run the operator's tools without an HTTP port,
 * {@code tipline solve-challenge} solves a proof-of-work challenge for curl, and
 * {@code --help} and {@code version} print and exit.
 */
@QuarkusMain
public final class TiplineMain {

    TiplineMain() {
    }

    public static void main(String... args) {
        int exitCode = servesDirectly(args)
                ? TiplineCli.serve(new Serve(), args.length == 0 ? "tipline" : "tipline serve", new PrintWriter(System.err, true))
                : commandLine(args).execute(args);
        System.exit(exitCode);
    }

    /** No command, or {@code serve} alone: serve without building the command line. */
    static boolean servesDirectly(String... args) {
        return args.length == 0 || args.length == 1 && "serve".equals(args[0]);
    }

    /**
     * The command line for these arguments. Under {@code serve} (with options, such as
     * {@code --help}) it holds only {@code serve}, {@code version} and {@code help}: picocli
     * builds each command's model by reflection, and the operator's tools would add to it.
     */
    static CommandLine commandLine(String... args) {
        if (args.length == 0 || "serve".equals(args[0])) {
            return TiplineCli.commandLine(new Serve());
        }
        return TiplineCli.commandLine(new Serve(),
                KeysCommand.commandLine(KeysCliContext.system()),
                ReviewersCommand.commandLine(), ChannelsCommand.commandLine(), new MigrateCommand(),
                new SolveChallengeCommand());
    }
}
