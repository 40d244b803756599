package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficeKem;
import org.tipline.testing.LoopbackAwsKms;
import org.tipline.testing.LoopbackKms;

/**
 * tipline's AWS KMS client, as the packaged application makes it (credentials, region,
 * HTTP client and all), against AWS KMS's protocol on 127.0.0.1, pointed there with the
 * SDK's own {@code aws.endpointUrlKms} setting.
 *
 * <p>Until this client replaced it, tipline reached AWS KMS through Tink's tink-awskms
 * 1.11.0 on the AWS SDK for Java 1.x. What that made and sent is recorded under
 * {@code keys/tink-awskms-1.11.0} (by {@code RecordTinkAwsKmsFixture}, removed with the SDK): an office
 * keyset made through it, the loopback KMS key that encrypted its data key, and each
 * Encrypt and Decrypt request. Here that keyset opens, and the requests this client sends
 * for the same operations are the recorded ones, field for field.
 */
class AwsKmsWireCompatibilityTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDED = "/keys/tink-awskms-1.11.0/";
    private static final String OTHER_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09ba-87dc-65fe-0987654321ba";
    private static final String ENDPOINT = "aws.endpointUrlKms";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static JsonNode recording;
    private static String keyUri;
    private static String keyArn;
    private static LoopbackAwsKms recordedKms;
    private static KmsAccess kms;

    @BeforeAll
    static void startTheKmsThatTinkAwsKmsTalkedTo() throws Exception {
        recording = JSON.readTree(resource("recording.json"));
        keyUri = recording.get("keyUri").asText();
        keyArn = keyUri.substring("aws-kms://".length());
        Aead key = TinkJsonProtoKeysetFormat.parseKeyset(recording.get("loopbackKmsKey").asText(), AeadConfig2026.get(),
                InsecureSecretKeyAccess.get()).getPrimitive(AeadConfig2026.get(), Aead.class);
        recordedKms = new LoopbackAwsKms(keyArn, key);
        kms = new KmsAccess(Optional.of(Files.writeString(shared.resolve("aws.properties"),
                "accessKey=AKIDFROMFILE\nsecretKey=test\n")));
        // The client for this key is made once per process, pointed at the endpoint set now.
        System.setProperty(ENDPOINT, recordedKms.endpoint());
        try {
            KmsKek.create(new KmsKeyUri(keyUri), kms);
        } finally {
            System.clearProperty(ENDPOINT);
        }
        assertThat(recordedKms.requests()).as("making the client sends nothing").isEmpty();
        assertThat(KmsClients.get(keyUri)).isInstanceOf(AwsKmsKeyClient.class);
    }

    @AfterAll
    static void stop() {
        recordedKms.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AwsKmsWireCompatibilityTests.class.getResourceAsStream(RECORDED + name)) {
            return in.readAllBytes();
        }
    }

    private Path recordedKeyset() throws IOException {
        return Files.write(dir.resolve("office-keyset.json"), resource("office-keyset.json"));
    }

    private static JsonNode recordedRequest(int index) {
        return recording.get("requests").get(index);
    }

    private static List<LoopbackKms.Request> sentSince(int before) {
        List<LoopbackKms.Request> all = recordedKms.requests();
        return all.subList(before, all.size());
    }

    private static void assertSentAsRecorded(LoopbackKms.Request sent, JsonNode recorded) {
        assertThat(sent.target()).isEqualTo(recorded.get("target").asText());
        assertThat(sent.contentType()).isEqualTo(recorded.get("contentType").asText());
        assertThat(sent.body()).as("the JSON body, field for field").isEqualTo(recorded.get("body"));
        assertThat(sent.authorization()).as("signed with the file's key, for the ARN's region")
                .contains("Credential=AKIDFROMFILE/").contains("/eu-west-1/kms/aws4_request");
    }

    private static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    @Test
    void aKeysetMadeThroughTinkAwsKmsOpensWithTheRequestTinkAwsKmsSent() throws Exception {
        Path keyset = recordedKeyset();
        OfficeKeyCustody custody = new OfficeKeyCustody();
        int before = recordedKms.requests().size();
        assertThat(custody.publicKeysetJson(keyset, KmsKek.source(kms)))
                .isEqualTo(recording.get("officePublicKeyset").asText());
        List<LoopbackKms.Request> sent = sentSince(before);
        assertThat(sent).hasSize(1);
        assertSentAsRecorded(sent.get(0), recordedRequest(2));

        assertThat(custody.unlockAtStart(keyset, Optional.empty(), Optional.of(keyUri), kms).getPublicKeysetHandle()
                .equalsKeyset(custody.unlock(keyset, KmsKek.source(kms)).getPublicKeysetHandle()))
                .as("as the review role opens it at start").isTrue();
    }

    @Test
    void associatedDataIsSentAsTinkAwsKmsSentIt() throws Exception {
        Aead aead = KmsClients.get(keyUri).getAead(keyUri);
        JsonNode recorded = recording.get("withAssociatedData");
        byte[] plaintext = base64(recorded.get("plaintext"));
        byte[] associatedData = base64(recorded.get("associatedData"));
        int before = recordedKms.requests().size();

        assertThat(aead.decrypt(base64(recorded.get("ciphertext")), associatedData)).isEqualTo(plaintext);
        byte[] again = aead.encrypt(plaintext, associatedData);
        List<LoopbackKms.Request> sent = sentSince(before);
        assertSentAsRecorded(sent.get(0), recordedRequest(4));
        assertSentAsRecorded(sent.get(1), recordedRequest(3));
        assertThat(aead.decrypt(again, associatedData)).isEqualTo(plaintext);
        assertThatThrownBy(() -> aead.decrypt(again, new byte[] {1})).as("the context is bound by the KMS")
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeysetMadeNowSendsTheRequestsTinkAwsKmsSentForItsOwn() throws Exception {
        Path keyset = dir.resolve("made-now.json");
        OfficeKeyCustody custody = new OfficeKeyCustody();
        int before = recordedKms.requests().size();
        custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri), kms);
        List<LoopbackKms.Request> sent = sentSince(before);
        assertThat(sent).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode recorded = recordedRequest(i);
            assertThat(sent.get(i).target()).isEqualTo(recorded.get("target").asText());
            assertThat(sent.get(i).body().get("KeyId")).isEqualTo(recorded.get("body").get("KeyId"));
            assertThat(fieldNames(sent.get(i).body())).as("the same fields, with a new data key")
                    .containsExactlyInAnyOrderElementsOf(fieldNames(recorded.get("body")));
        }
        assertThat(custody.unlock(keyset, KmsKek.source(kms)).size()).isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aDecryptAnsweredInTheNameOfAnotherKeyOpensNothing() throws Exception {
        Path keyset = recordedKeyset();
        recordedKms.answerDecryptAs(OTHER_KEY_ARN);
        try {
            assertThatThrownBy(() -> new OfficeKeyCustody().unlock(keyset, KmsKek.source(kms)))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + keyUri
                            + " is not reachable or refused (GeneralSecurityException)")
                    .hasNoCause();
        } finally {
            recordedKms.answerDecryptAs(keyArn);
        }
    }

    @Test
    void theDefaultChainSignsAndARefusalOrAnAbsentKmsIsOneLine() throws Exception {
        String arn = "arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        String uri = "aws-kms://" + arn;
        Path keyset = dir.resolve("office-keyset.json");
        OfficeKeyCustody custody = new OfficeKeyCustody();
        KmsAccess chain = KmsAccess.defaultCredentials();
        System.setProperty("aws.accessKeyId", "AKIDFROMCHAIN");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            try (LoopbackAwsKms own = new LoopbackAwsKms(arn)) {
                System.setProperty(ENDPOINT, own.endpoint());
                try {
                    custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(uri), chain);
                } finally {
                    System.clearProperty(ENDPOINT);
                }
                assertThat(custody.unlock(keyset, KmsKek.source(chain)).size()).isEqualTo(1);
                assertThat(own.operations()).containsExactly("encrypt", "decrypt", "decrypt");
                assertThat(own.requests()).allSatisfy(request -> assertThat(request.authorization())
                        .contains("Credential=AKIDFROMCHAIN/").contains("/eu-west-1/kms/aws4_request"));

                own.refuse(true);
                assertThatThrownBy(() -> custody.unlock(keyset, KmsKek.source(chain)))
                        .isInstanceOf(KeyLoadingException.class)
                        .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + uri
                                + " is not reachable or refused (AccessDeniedException)")
                        .hasNoCause();
            }
            assertThatThrownBy(() -> custody.unlock(keyset, KmsKek.source(chain)))
                    .as("the KMS is gone: connection refused on the loopback port")
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + uri
                            + " is not reachable or refused (ConnectException)");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
