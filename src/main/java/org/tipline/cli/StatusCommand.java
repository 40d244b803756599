package org.tipline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.keys.OfficeKeyInfo;
import org.tipline.keys.OfficeKeysetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keys status}: the key list and the key-encryption key, without unlocking. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "List the key pairs of the office keyset (id, KEM, creation day, primary) and what it is "
                + "encrypted under (a passphrase or a KMS key), without unlocking it.")
final class StatusCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    StatusCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKeysetStatus status = context.custody().status(file);
        PrintWriter out = spec.commandLine().getOut();
        out.println("office keyset " + file);
        out.println("encrypted under: " + status.kek());
        out.printf("%-12s %-7s %-11s %s%n", "key id", "kem", "created", "");
        for (OfficeKeyInfo key : status.keys()) {
            out.printf("%-12d %-7s %-11s %s%n", key.keyId(), key.kemName(), key.createdOn(),
                    key.primary() ? "primary" : "");
        }
        out.println("(read without unlocking; unlocking verifies this list)");
        out.flush();
        return 0;
    }
}
