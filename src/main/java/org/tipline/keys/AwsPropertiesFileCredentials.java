package org.tipline.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * AWS credentials from a Java properties file with {@code accessKey} and {@code secretKey},
 * the format that {@code TIPLINE_OFFICE_KMS_CREDENTIALS_FILE} has always taken (the AWS SDK
 * for Java 1.x read it; 2.x has no reader for it). The file is read on each use, as 1.x
 * did; nothing of it is ever put in a message.
 */
final class AwsPropertiesFileCredentials implements AwsCredentialsProvider {

    private final Path file;

    AwsPropertiesFileCredentials(Path file) {
        this.file = file;
    }

    /** @throws SdkClientException when the file cannot be read or lacks either property */
    @Override
    public AwsCredentials resolveCredentials() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw SdkClientException.create("the AWS credentials file cannot be read");
        }
        String accessKey = value(properties, "accessKey");
        String secretKey = value(properties, "secretKey");
        if (accessKey == null || secretKey == null) {
            throw SdkClientException.create("the AWS credentials file has no accessKey and secretKey");
        }
        return AwsBasicCredentials.create(accessKey, secretKey);
    }

    private static String value(Properties properties, String name) {
        String value = properties.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "AwsPropertiesFileCredentials[" + file + "]";
    }
}
