package org.tipline.keys;

import com.google.crypto.tink.KmsClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * One KMS that tipline can reach on its own: a Tink {@link KmsClient} for the key URIs that
 * start with {@link #uriPrefix()}. AWS KMS goes through tipline's own client on the AWS SDK
 * for Java 2.x, Google Cloud KMS through Tink's {@code tink-gcpkms}.
 *
 * <p>This is the pluggable part. tipline ships {@link AwsKmsIntegration} and
 * {@link GcpKmsIntegration}; each needs only its own jars, so a build may leave one out and
 * the other still works. Any other Tink {@code KmsClient} added to Tink's
 * {@code KmsClients} registry before a keyset is opened is used as well, and before these
 * (see {@link KmsAccess}).
 */
interface KmsIntegration {

    /** For people, for example {@code AWS KMS}. */
    String name();

    /** The scheme and separator of the URIs it serves, for example {@code aws-kms://}. */
    String uriPrefix();

    /**
     * A client for exactly this key. With no credentials file, the platform's default
     * credential chain applies (instance role, workload identity, environment variables),
     * and nothing secret passes through tipline.
     *
     * @throws GeneralSecurityException when the credentials cannot be found or read
     */
    KmsClient client(KmsKeyUri key, Optional<Path> credentialsFile) throws GeneralSecurityException;

    /**
     * A short name for a failure of this KMS, for the one-line message: by default the
     * type of the innermost cause, for example {@code UnknownHostException}. An integration
     * may give the KMS's own error code instead, which says more.
     */
    default String failureName(Throwable innermost) {
        return innermost.getClass().getSimpleName();
    }
}
