package com.google.crypto.tink.integration.awskms;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKek;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.testing.LoopbackAwsKms;
import org.tipline.testing.LoopbackKms;

/**
 * Records, once, what tink-awskms 1.11.0 on the AWS SDK for Java 1.x writes and sends, as
 * fixtures for the tests of tipline's own AWS KMS client: an office keyset made through it,
 * the loopback KMS's key that opens it, and the Encrypt and Decrypt requests it made.
 * Run with {@code -Drecord.tink.awskms=true}.
 */
@EnabledIfSystemProperty(named = "record.tink.awskms", matches = "true")
class RecordTinkAwsKmsFixture {

    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void record() throws Exception {
        Path out = Path.of("src/test/resources/keys/tink-awskms-1.11.0");
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        KeysetHandle kmsKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
        String keyUri = "aws-kms://" + KEY_ARN;
        Path keyset = out.resolve("office-keyset.json");
        Files.deleteIfExists(keyset);
        ObjectNode recording = json.createObjectNode();
        recording.put("madeWith", "tink-awskms 1.11.0, aws-java-sdk-kms 1.12.779, tipline OfficeKeyCustody.init (X25519)");
        recording.put("keyUri", keyUri);
        recording.put("loopbackKmsKey", TinkJsonProtoKeysetFormat.serializeKeyset(kmsKey, AeadConfig2026.get(),
                InsecureSecretKeyAccess.get()));
        try (LoopbackAwsKms fake = new LoopbackAwsKms(KEY_ARN, kmsKey.getPrimitive(AeadConfig2026.get(), Aead.class))) {
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
            AWSKMS client = AWSKMSClientBuilder.standard()
                    .withEndpointConfiguration(new EndpointConfiguration(fake.endpoint(), "eu-west-1"))
                    .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDTEST", "test")))
                    .build();
            KmsClients.add(new AwsKmsClient(keyUri).withAwsKms(client));
            KmsAccess kms = KmsAccess.defaultCredentials();
            OfficeKeyCustody custody = new OfficeKeyCustody();
            custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri), kms);
            recording.put("officePublicKeyset", custody.publicKeysetJson(keyset, KmsKek.source(kms)));

            // The same AEAD with associated data, which tink-awskms sends as an encryption context.
            AwsKmsAead aead = new AwsKmsAead(client, KEY_ARN);
            byte[] plaintext = "tipline wire check".getBytes(StandardCharsets.UTF_8);
            byte[] associatedData = new byte[] {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xab, (byte) 0xff, 't'};
            byte[] ciphertext = aead.encrypt(plaintext, associatedData);
            aead.decrypt(ciphertext, associatedData);
            ObjectNode withAd = recording.putObject("withAssociatedData");
            withAd.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
            withAd.put("associatedData", Base64.getEncoder().encodeToString(associatedData));
            withAd.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));

            ArrayNode requests = recording.putArray("requests");
            for (LoopbackKms.Request request : fake.requests()) {
                requests.addObject().put("target", request.target()).put("contentType", request.contentType())
                        .set("body", request.body());
            }
        }
        Files.writeString(out.resolve("recording.json"), json.writeValueAsString(recording) + "\n");
    }
}
