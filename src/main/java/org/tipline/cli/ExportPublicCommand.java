package org.tipline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.keys.OfficeKeysetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys export-public}: the public half, for intake and front ends. */
@Command(name = "export-public", mixinStandardHelpOptions = true,
        description = "Write the public keyset (Tink JSON), the file intake loads through "
                + "TIPLINE_OFFICE_PUBLIC_KEYSET.")
final class ExportPublicCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    @Mixin
    PassphraseOption passphrase;

    @Mixin
    KmsCredentialsOption kms;

    @Option(names = "--out", paramLabel = "<file>",
            description = "Where to write the public keyset (default: standard output).")
    Path out;

    ExportPublicCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKeysetStatus current = context.custody().status(file);
        if (out == null) {
            String json = CurrentKek.use(context, current, passphrase, kms,
                    source -> context.custody().publicKeysetJson(file, source));
            spec.commandLine().getOut().println(json);
            return 0;
        }
        CurrentKek.use(context, current, passphrase, kms, source -> {
            context.custody().exportPublic(file, source, out);
            return null;
        });
        spec.commandLine().getOut().println("Wrote the public keyset of " + file + " to " + out
                + " (primary key " + current.primary().keyId() + ").");
        return 0;
    }
}
