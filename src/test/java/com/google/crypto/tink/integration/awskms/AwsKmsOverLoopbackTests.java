package com.google.crypto.tink.integration.awskms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClients;
import com.sun.net.httpserver.HttpExchange;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKek;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.testing.LoopbackKms;

/**
 * tipline's AWS KMS path with the real AWS SDK and Tink's AwsKmsClient, against a stand-in
 * for AWS KMS on 127.0.0.1 (this test lives in Tink's package only to point the client
 * there). Proves that the SDK, at the versions the Quarkus BOM leaves it, encrypts, decrypts
 * and fails the way tipline expects, with no network.
 */
class AwsKmsOverLoopbackTests {

    @TempDir
    Path dir;

    /** AWS KMS's JSON 1.1 protocol: {@code X-Amz-Target: TrentService.Encrypt|Decrypt}. */
    static final class FakeAwsKms extends LoopbackKms {
        private final String keyArn;

        FakeAwsKms(String keyArn) throws Exception {
            this.keyArn = keyArn;
        }

        @Override
        protected String operation(HttpExchange exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            return target == null ? null : target.replace("TrentService.", "").toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        protected String answer(String operation, JsonNode body, Aead key) throws Exception {
            if ("encrypt".equals(operation)) {
                byte[] blob = key.encrypt(decode(body.get("Plaintext").asText()), new byte[0]);
                return JSON.createObjectNode().put("CiphertextBlob", encode(blob)).put("KeyId", keyArn).toString();
            }
            byte[] plaintext = key.decrypt(decode(body.get("CiphertextBlob").asText()), new byte[0]);
            return JSON.createObjectNode().put("Plaintext", encode(plaintext)).put("KeyId", keyArn).toString();
        }

        @Override
        protected int refusalStatus() {
            return 400;
        }

        @Override
        protected String refusalBody() {
            return "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform kms:Decrypt\"}";
        }
    }

    @Test
    void aKeysetUnderAnAwsKmsKeyIsMadeUnlockedAndRefusedInOneLine() throws Exception {
        String keyArn = "arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        String keyUri = "aws-kms://" + keyArn;
        Path keyset = dir.resolve("office-keyset.json");
        OfficeKeyCustody custody = new OfficeKeyCustody();
        KmsAccess kms = KmsAccess.defaultCredentials();
        try (FakeAwsKms fake = new FakeAwsKms(keyArn)) {
            // As tipline does before it makes an AWS client (AwsKmsIntegration): no multi-line notice.
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
            AWSKMS client = AWSKMSClientBuilder.standard()
                    .withEndpointConfiguration(new EndpointConfiguration(fake.endpoint(), "eu-west-1"))
                    .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDTEST", "test")))
                    .build();
            KmsClients.add(new AwsKmsClient(keyUri).withAwsKms(client));

            custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri), kms);
            assertThat(custody.unlock(keyset, KmsKek.source(kms)).size()).isEqualTo(1);
            assertThat(fake.operations()).containsExactly("encrypt", "decrypt", "decrypt");

            fake.refuse(true);
            assertThatThrownBy(() -> custody.unlock(keyset, KmsKek.source(kms)))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + keyUri
                            + " is not reachable or refused (AccessDeniedException)")
                    .hasNoCause();
        }
        assertThatThrownBy(() -> custody.unlock(keyset, KmsKek.source(kms)))
                .as("the KMS is gone: connection refused on the loopback port")
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + keyUri
                        + " is not reachable or refused (ConnectException)");
    }

    @Test
    void tiplineMakesTheClientForAnAwsKeyUriWithoutCallingAnything() throws Exception {
        String keyUri = "aws-kms://arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        Path credentials = java.nio.file.Files.writeString(dir.resolve("aws.properties"),
                "accessKey=AKIDTEST\nsecretKey=test\n");
        System.clearProperty("aws.java.v1.disableDeprecationAnnouncement");
        // Nothing is sent: the client and its AEAD are made, the KMS is first called on use.
        KmsKek kek = KmsKek.create(new KmsKeyUri(keyUri), new KmsAccess(java.util.Optional.of(credentials)));
        assertThat(kek.describe().toString()).isEqualTo("{\"kind\":\"kms\",\"keyUri\":\"" + keyUri + "\"}");
        assertThat(KmsClients.get(keyUri)).isInstanceOf(AwsKmsClient.class);
        assertThat(System.getProperty("aws.java.v1.disableDeprecationAnnouncement")).isEqualTo("true");
    }
}
