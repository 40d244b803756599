package org.tipline.keys;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.auth.PropertiesFileCredentialsProvider;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.integration.awskms.AwsKmsClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * AWS KMS through Tink's {@code tink-awskms}, which is built on the AWS SDK for Java 1.x.
 * The region comes from the key's ARN. Credentials come from the SDK's default chain
 * (environment variables, the shared credentials file and profile, the container or EC2
 * instance role), or from a properties file with {@code accessKey} and {@code secretKey}.
 */
final class AwsKmsIntegration implements KmsIntegration {

    /** SDK 1.x prints a multi-line notice with a stack trace on first use unless told not to. */
    private static final String QUIET = "aws.java.v1.disableDeprecationAnnouncement";

    /**
     * On its first request SDK 1.x warns that JAXB is missing, which only means it encodes
     * base64 itself. Operators read one line per failure from tipline, not SDK notices.
     * Held here because logging keeps loggers only weakly, and a level set on a collected
     * logger is lost.
     */
    private static final Logger BASE64_NOTICE = Logger.getLogger("com.amazonaws.util.Base64");

    @Override
    public String name() {
        return "AWS KMS";
    }

    @Override
    public String uriPrefix() {
        return "aws-kms://";
    }

    @Override
    public void prepare() {
        if (System.getProperty(QUIET) == null) {
            System.setProperty(QUIET, "true");
        }
        BASE64_NOTICE.setLevel(Level.SEVERE);
    }

    /**
     * Looks the credentials up once here, so that finding none is reported as missing
     * credentials rather than as a KMS that cannot be reached on the first request.
     */
    @Override
    public KmsClient client(KmsKeyUri key, Optional<Path> credentialsFile) throws GeneralSecurityException {
        AWSCredentialsProvider credentials = credentialsFile.isPresent()
                ? new PropertiesFileCredentialsProvider(credentialsFile.get().toString())
                : DefaultAWSCredentialsProviderChain.getInstance();
        credentials.getCredentials();
        return new AwsKmsClient(key.value()).withCredentialsProvider(credentials);
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
