package org.tipline.keys;

import com.google.crypto.tink.KmsClient;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS KMS through tipline's own Tink client ({@link AwsKmsKeyClient}, {@link AwsKmsAead}) on
 * the AWS SDK for Java 2.x. It makes the requests that Tink's {@code tink-awskms} 1.11.0 made
 * on SDK 1.x, so a keyset made through either opens with the other. The region comes from
 * the key's ARN. Credentials come from the SDK's default chain (system properties and
 * environment variables, web identity, the shared credentials and config files, the
 * container or EC2 instance role), or from a properties file with {@code accessKey} and
 * {@code secretKey} ({@link AwsPropertiesFileCredentials}).
 */
final class AwsKmsIntegration implements KmsIntegration {

    @Override
    public String name() {
        return "AWS KMS";
    }

    @Override
    public String uriPrefix() {
        return AwsKmsKeyClient.PREFIX;
    }

    /**
     * Looks the credentials up once here, so that finding none is reported as missing
     * credentials rather than as a KMS that cannot be reached on the first request.
     */
    @Override
    public KmsClient client(KmsKeyUri key, Optional<Path> credentialsFile) {
        AwsCredentialsProvider credentials = credentialsFile.isPresent()
                ? new AwsPropertiesFileCredentials(credentialsFile.get())
                : DefaultCredentialsProvider.builder().build();
        credentials.resolveCredentials();
        return new AwsKmsKeyClient(key.value(), credentials);
    }

    /** AWS names each refusal with an error code, such as {@code AccessDeniedException} or {@code DisabledException}. */
    @Override
    public String failureName(Throwable innermost) {
        if (innermost instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return KmsIntegration.super.failureName(innermost);
    }
}
