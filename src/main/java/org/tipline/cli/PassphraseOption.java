package org.tipline.cli;

import java.nio.file.Path;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.Passphrase;
import picocli.CommandLine.Option;

/**
 * {@code --passphrase-file}, and where the passphrase comes from without it: the file in
 * {@code TIPLINE_OFFICE_KEY_PASSPHRASE_FILE}, else a prompt on the console. There is
 * deliberately no option that takes the passphrase itself: command lines end up in shell
 * histories and process lists.
 */
final class PassphraseOption {

    @Option(names = "--passphrase-file", paramLabel = "<file>",
            description = "File holding the keyset passphrase (default: $TIPLINE_OFFICE_KEY_PASSPHRASE_FILE; "
                    + "otherwise it is asked for on the console).")
    Path file;

    /** The passphrase, asked twice when {@code confirm} and read from the console. */
    Passphrase obtain(KeysCliContext context, boolean confirm) throws KeyCustodyException {
        Path source = file != null ? file : context.passphraseFileSetting();
        return fromFileOrConsole(context, source, confirm, "no passphrase: there is no console to ask on; give "
                + "--passphrase-file or set " + KeysCliContext.PASSPHRASE_FILE);
    }

    /**
     * The passphrase in {@code source}, or, when it is null, asked on the console (twice
     * when {@code confirm}).
     *
     * @param noConsole the one-line refusal when there is neither a file nor a console
     */
    static Passphrase fromFileOrConsole(KeysCliContext context, Path source, boolean confirm, String noConsole)
            throws KeyCustodyException {
        if (source != null) {
            return Passphrase.readFile(source);
        }
        char[] first = context.prompt().read(confirm ? "New office keyset passphrase: " : "Office keyset passphrase: ");
        if (first == null) {
            throw new KeyCustodyException(noConsole);
        }
        Passphrase passphrase = Passphrase.wrap(first);
        if (!confirm) {
            return passphrase;
        }
        char[] second = context.prompt().read("Repeat the passphrase: ");
        try (Passphrase repeated = Passphrase.wrap(second == null ? new char[0] : second)) {
            if (!passphrase.sameAs(repeated)) {
                passphrase.close();
                throw new KeyCustodyException("the two passphrases differ; nothing was changed");
            }
        }
        return passphrase;
    }

    @Override
    public String toString() {
        return "PassphraseOption[" + (file == null ? "default" : file) + "]";
    }
}
