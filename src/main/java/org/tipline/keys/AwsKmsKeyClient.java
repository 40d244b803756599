package org.tipline.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Tink's {@link KmsClient} for one AWS KMS key, {@code aws-kms://<key ARN>}, on the AWS SDK
 * for Java 2.x. It reads the URI as Tink's {@code tink-awskms} 1.11.0 did: what follows
 * {@code aws-kms://} is the key id sent to KMS, and the region is the ARN's fourth
 * {@code :}-separated field. The SDK client is made on first use and kept; it speaks HTTPS
 * through the JDK's own {@code HttpURLConnection}.
 */
final class AwsKmsKeyClient implements KmsClient {

    static final String PREFIX = "aws-kms://";

    /** Every AWS region name ({@code eu-west-1}, {@code us-gov-west-1}, {@code cn-north-1}); it becomes part of a host name. */
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String keyUri;
    private final AwsCredentialsProvider credentials;
    private software.amazon.awssdk.services.kms.KmsClient kms;

    AwsKmsKeyClient(String keyUri, AwsCredentialsProvider credentials) {
        if (!keyUri.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new IllegalArgumentException("key URI must start with " + PREFIX);
        }
        this.keyUri = keyUri;
        this.credentials = credentials;
    }

    @Override
    public boolean doesSupport(String uri) {
        return keyUri.equals(uri);
    }

    /** The same key with the credentials of an AWS properties file ({@code accessKey}, {@code secretKey}). */
    @Override
    public KmsClient withCredentials(String credentialPath) {
        return credentialPath == null ? withDefaultCredentials()
                : new AwsKmsKeyClient(keyUri, new AwsPropertiesFileCredentials(Path.of(credentialPath)));
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return new AwsKmsKeyClient(keyUri, DefaultCredentialsProvider.builder().build());
    }

    /**
     * @throws GeneralSecurityException when {@code uri} is not this client's key
     * @throws IllegalArgumentException when the key id has no region field
     */
    @Override
    public Aead getAead(String uri) throws GeneralSecurityException {
        if (!keyUri.equals(uri)) {
            throw new GeneralSecurityException("this client is bound to another key URI");
        }
        String keyId = keyUri.substring(PREFIX.length());
        return new AwsKmsAead(kms(region(keyId)), keyId);
    }

    /** The region of {@code arn:<partition>:kms:<region>:<account>:key/<id>}, as tink-awskms takes it. */
    static Region region(String keyId) {
        String[] fields = keyId.split(":", -1);
        if (fields.length < 4 || !REGION.matcher(fields[3]).matches()) {
            throw new IllegalArgumentException("invalid key URI: not a key ARN with a region");
        }
        return Region.of(fields[3]);
    }

    synchronized software.amazon.awssdk.services.kms.KmsClient kms(Region region) {
        if (kms == null) {
            kms = software.amazon.awssdk.services.kms.KmsClient.builder()
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return kms;
    }

    @Override
    public String toString() {
        return "AwsKmsKeyClient[" + keyUri + "]";
    }
}
