package org.tipline;

import java.nio.file.Path;
import java.util.Locale;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.Passphrase;

/**
 * The key checks run before anything else starts, so that a misconfigured role stops with
 * one clear line rather than a stack trace. The services repeat the loading themselves;
 * these checks only fail early.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /** Null when the keys of the configured role load; otherwise the reason, in one line. */
    static String keyProblem() {
        String role = setting("tipline.role", "TIPLINE_ROLE");
        role = role == null ? "all-in-one" : role.toLowerCase(Locale.ROOT);
        String publicKeyset = setting("tipline.office-public-keyset", "TIPLINE_OFFICE_PUBLIC_KEYSET");
        String officeKeyset = setting("tipline.office-keyset", "TIPLINE_OFFICE_KEYSET");
        String passphraseFile = setting("tipline.office-key-passphrase-file", "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
        try {
            if (publicKeyset != null) {
                KeysetFiles.readPublic(Path.of(publicKeyset));
            }
            switch (role) {
                case "intake" -> {
                    if (publicKeyset == null) {
                        return "the intake role needs TIPLINE_OFFICE_PUBLIC_KEYSET, the office public keyset";
                    }
                }
                case "review", "all-in-one", "all_in_one" -> {
                    if (officeKeyset == null && publicKeyset != null && !role.equals("review")) {
                        return "all-in-one with TIPLINE_OFFICE_PUBLIC_KEYSET also needs the private half, "
                                + "TIPLINE_OFFICE_KEYSET; or set TIPLINE_ROLE=intake";
                    }
                    if (officeKeyset != null) {
                        if (passphraseFile == null) {
                            return "the office keyset " + officeKeyset
                                    + " needs its passphrase: set TIPLINE_OFFICE_KEY_PASSPHRASE_FILE";
                        }
                        try (Passphrase passphrase = Passphrase.readFile(Path.of(passphraseFile))) {
                            new OfficeKeyCustody().unlock(Path.of(officeKeyset), passphrase);
                        }
                    } else if (role.equals("review")) {
                        return "the review role needs TIPLINE_OFFICE_KEYSET, the office keyset (created with "
                                + "'keys init'), and TIPLINE_OFFICE_KEY_PASSPHRASE_FILE";
                    }
                }
                default -> {
                    return "TIPLINE_ROLE must be intake, review or all-in-one";
                }
            }
            return null;
        } catch (KeyLoadingException | KeyCustodyException e) {
            return e.getMessage();
        }
    }

    private static String setting(String property, String environment) {
        String value = System.getProperty(property, System.getenv(environment));
        return value == null || value.isBlank() ? null : value;
    }
}
