package org.tipline;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.tipline.config.EarlySettings;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.OfficeKeyCustody;

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
        String role = EarlySettings.get("tipline.role", "TIPLINE_ROLE");
        role = role == null ? "all-in-one" : role.toLowerCase(Locale.ROOT);
        String publicKeyset = EarlySettings.get("tipline.office-public-keyset", "TIPLINE_OFFICE_PUBLIC_KEYSET");
        String officeKeyset = EarlySettings.get("tipline.office-keyset", "TIPLINE_OFFICE_KEYSET");
        String passphraseFile = EarlySettings.get("tipline.office-key-passphrase-file",
                "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
        String kmsCredentialsFile = EarlySettings.get("tipline.office-kms-credentials-file",
                "TIPLINE_OFFICE_KMS_CREDENTIALS_FILE");
        String trustedKmsKey = EarlySettings.get("tipline.office-kms-key-uri", "TIPLINE_OFFICE_KMS_KEY_URI");
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
                        // A KMS keyset needs no passphrase; a passphrase keyset says so if the file is missing.
                        new OfficeKeyCustody().unlockAtStart(Path.of(officeKeyset),
                                Optional.ofNullable(passphraseFile).map(Path::of),
                                Optional.ofNullable(trustedKmsKey),
                                new KmsAccess(Optional.ofNullable(kmsCredentialsFile).map(Path::of)));
                    } else if (role.equals("review")) {
                        return OfficeKeyCustody.REVIEW_NEEDS_KEYSET;
                    }
                }
                default -> {
                    return "TIPLINE_ROLE must be intake, review or all-in-one";
                }
            }
            return null;
        } catch (KeyLoadingException e) {
            return e.getMessage();
        }
    }
}
