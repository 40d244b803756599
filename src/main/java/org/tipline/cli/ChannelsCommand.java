package org.tipline.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.channel.Channel;
import org.tipline.office.channel.ChannelRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tipline channels add|list|rotate|revoke}: the front ends that post tips, from the
 * command line. A key is printed once, at {@code add} and {@code rotate}; tipline keeps only
 * its SHA-256. Each change writes the same audit entry as the admin API, in the same
 * transaction ({@link ChannelStore}).
 */
@Command(name = "channels", mixinStandardHelpOptions = true, version = "tipline channels",
        description = "The front ends (channels) that post tips, each with its own key.")
public final class ChannelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The {@code channels} command line with the real settings and database. */
    public static CommandLine commandLine() {
        return commandLine(ChannelsCliContext::system);
    }

    /** The {@code channels} command line; the context is asked for when a command runs. */
    public static CommandLine commandLine(Supplier<ChannelsCliContext> context) {
        return TiplineCli.withErrorHandling(new CommandLine(new ChannelsCommand())
                .addSubcommand(new Add(context)).addSubcommand(new ListChannels(context))
                .addSubcommand(new Rotate(context)).addSubcommand(new Revoke(context)));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tipline channels: a command is needed: add, list, rotate or revoke "
                + "(see channels --help)");
        return TiplineCli.USAGE;
    }

    private static ChannelStore store(ChannelsCliContext context) {
        return new ChannelStore(context.database(), "cli:" + context.operator().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private static void printKey(PrintWriter out, String name, String key) {
        out.println("Channel " + name + ": give this key to the front end's developers now; it is not shown again:");
        out.println(key);
        out.flush();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a channel and print its key (shown once).")
    static final class Add implements Callable<Integer> {

        private final Supplier<ChannelsCliContext> contexts;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "2 to 40 characters of a-z, 0-9, '-'")
        String name;

        @Option(names = "--program", description = "The program its tips belong to (default: tipline.intake.program)")
        String program;

        @Option(names = "--origin", split = ",", paramLabel = "<origin>",
                description = "An exact browser origin allowed to call, such as https://tips.example.org "
                        + "(repeat or separate with commas)")
        List<String> origins;

        @Option(names = "--tips-per-hour", description = "Quota of tips per hour (default: none)")
        Integer tipsPerHour;

        @Option(names = "--no-proof-of-work",
                description = "A trusted server-to-server partner: its tips need no solved challenge")
        boolean noProofOfWork;

        Add(Supplier<ChannelsCliContext> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            ChannelsCliContext context = contexts.get();
            ChannelRules.Issued issued;
            try {
                issued = ChannelRules.create(name, program == null ? context.defaultProgram() : program, origins,
                        tipsPerHour, !noProofOfWork, context.keylessName(), new SecureRandom());
            } catch (IllegalArgumentException e) {
                throw new CliRefusal(e.getMessage());
            }
            store(context).create(issued.channel());
            printKey(spec.commandLine().getOut(), name, issued.key());
            return TiplineCli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the channels (never their keys).")
    static final class ListChannels implements Callable<Integer> {

        private final Supplier<ChannelsCliContext> contexts;

        @Spec
        CommandSpec spec;

        ListChannels(Supplier<ChannelsCliContext> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("name\tprogram\tstate\ttips-per-hour\tproof-of-work\torigins");
            for (Channel channel : store(contexts.get()).list()) {
                out.println(String.join("\t", channel.name, channel.program, channel.active() ? "active" : "revoked",
                        channel.tipsPerHour == null ? "-" : channel.tipsPerHour.toString(),
                        channel.proofOfWork ? "yes" : "no",
                        channel.origins.length == 0 ? "-" : String.join(",", channel.origins)));
            }
            out.flush();
            return TiplineCli.OK;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a channel a new key and print it (shown once); the old key stops working.")
    static final class Rotate implements Callable<Integer> {

        private final Supplier<ChannelsCliContext> contexts;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "The channel")
        String name;

        Rotate(Supplier<ChannelsCliContext> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            String[] key = new String[1];
            SecureRandom random = new SecureRandom();
            store(contexts.get()).change(name, AuditAction.CHANNEL_ROTATE,
                    channel -> key[0] = ChannelRules.rotate(channel, random));
            printKey(spec.commandLine().getOut(), name, key[0]);
            return TiplineCli.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a channel for good: its key stops working; the name is not reused.")
    static final class Revoke implements Callable<Integer> {

        private final Supplier<ChannelsCliContext> contexts;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "The channel")
        String name;

        Revoke(Supplier<ChannelsCliContext> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            store(contexts.get()).change(name, AuditAction.CHANNEL_REVOKE, ChannelRules::revoke);
            spec.commandLine().getOut().println("Channel " + name + " revoked. Intake processes refuse its key "
                    + "within tipline.channels.refresh-interval.");
            spec.commandLine().getOut().flush();
            return TiplineCli.OK;
        }
    }
}
