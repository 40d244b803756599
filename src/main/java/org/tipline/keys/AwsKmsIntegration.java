package org.tipline.keys;

import com.amazonaws.AmazonServiceException;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.integration.awskms.AwsKmsClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * AWS KMS through Tink's {@code tink-awskms}, which is built on the AWS SDK for Java 1.x.
 * The region comes from the key's ARN. Credentials come from the SDK's default chain
 * (environment variables, the shared credentials file and profile, the container or EC2
 * instance role), or from a properties file with {@code accessKey} and {@code secretKey}.
 */
final class AwsKmsIntegration implements KmsIntegration {

    /** SDK 1.x prints a multi-line notice with a stack trace on first use unless told not to. */
    private static final String QUIET = "aws.java.v1.disableDeprecationAnnouncement";

    @Override
    public String name() {
        return "AWS KMS";
    }

    @Override
    public String uriPrefix() {
        return "aws-kms://";
    }

    @Override
    public KmsClient client(KmsKeyUri key, Optional<Path> credentialsFile) throws GeneralSecurityException {
        if (System.getProperty(QUIET) == null) {
            System.setProperty(QUIET, "true");
        }
        AwsKmsClient client = new AwsKmsClient(key.value());
        return credentialsFile.isPresent()
                ? client.withCredentials(credentialsFile.get().toString())
                : client.withDefaultCredentials();
    }

    /** AWS names each refusal with an error code, such as {@code AccessDeniedException} or {@code DisabledException}. */
    @Override
    public String failureName(Throwable innermost) {
        if (innermost instanceof AmazonServiceException service && service.getErrorCode() != null) {
            return service.getErrorCode();
        }
        return KmsIntegration.super.failureName(innermost);
    }
}
