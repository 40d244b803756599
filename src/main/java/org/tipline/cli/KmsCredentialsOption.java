package org.tipline.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.tipline.keys.KmsAccess;
import picocli.CommandLine.Option;

/**
 * {@code --kms-credentials-file}: credentials for the KMS when the platform's default chain
 * should not be used. Without it (and without {@code TIPLINE_OFFICE_KMS_CREDENTIALS_FILE}),
 * the cloud SDK finds credentials itself: an instance role or workload identity, or its
 * usual environment variables. Only the path passes through tipline.
 */
final class KmsCredentialsOption {

    @Option(names = "--kms-credentials-file", paramLabel = "<file>",
            description = "Credentials for the KMS instead of the platform's default chain: an AWS properties file "
                    + "(accessKey, secretKey) or a Google service-account JSON key "
                    + "(default: $TIPLINE_OFFICE_KMS_CREDENTIALS_FILE).")
    Path file;

    KmsAccess access(KeysCliContext context) {
        return new KmsAccess(Optional.ofNullable(file != null ? file : context.kmsCredentialsFileSetting()));
    }
}
