package com.google.crypto.tink.integration.gcpkms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.cloudkms.v1.CloudKMS;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClients;
import com.sun.net.httpserver.HttpExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKek;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.testing.LoopbackKms;

/**
 * tipline's Google Cloud KMS path with Tink's GcpKmsClient and the Cloud KMS JSON client,
 * against a stand-in for Cloud KMS on 127.0.0.1 (this test lives in Tink's package only to
 * point the client there).
 */
class GcpKmsOverLoopbackTests {

    @TempDir
    Path dir;

    /** Cloud KMS's REST API: {@code POST /v1/<key name>:encrypt|decrypt}. */
    static final class FakeCloudKms extends LoopbackKms {

        FakeCloudKms() throws Exception {
        }

        @Override
        protected String operation(HttpExchange exchange) {
            String path = exchange.getRequestURI().getPath();
            return path.substring(path.lastIndexOf(':') + 1);
        }

        @Override
        protected String answer(String operation, JsonNode body, Aead key) throws Exception {
            if ("encrypt".equals(operation)) {
                byte[] ciphertext = key.encrypt(decode(body.get("plaintext").asText()), new byte[0]);
                return JSON.createObjectNode().put("ciphertext", encode(ciphertext)).toString();
            }
            byte[] plaintext = key.decrypt(decode(body.get("ciphertext").asText()), new byte[0]);
            return JSON.createObjectNode().put("plaintext", encode(plaintext)).toString();
        }

        @Override
        protected int refusalStatus() {
            return 403;
        }

        @Override
        protected String refusalBody() {
            return "{\"error\":{\"code\":403,\"message\":\"Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied\","
                    + "\"status\":\"PERMISSION_DENIED\"}}";
        }
    }

    @Test
    void aKeysetUnderACloudKmsKeyIsMadeUnlockedAndRefusedInOneLine() throws Exception {
        String keyUri = "gcp-kms://projects/office/locations/europe-west1/keyRings/tipline/cryptoKeys/"
                + UUID.randomUUID();
        Path keyset = dir.resolve("office-keyset.json");
        OfficeKeyCustody custody = new OfficeKeyCustody();
        KmsAccess kms = KmsAccess.defaultCredentials();
        try (FakeCloudKms fake = new FakeCloudKms()) {
            CloudKMS client = new CloudKMS.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), null)
                    .setRootUrl(fake.endpoint() + "/")
                    .setApplicationName("tipline-test")
                    .build();
            KmsClients.add(new GcpKmsClient(keyUri).withCloudKms(client));

            custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri), kms);
            assertThat(custody.unlock(keyset, KmsKek.source(kms)).size()).isEqualTo(1);
            assertThat(fake.operations()).containsExactly("encrypt", "decrypt", "decrypt");

            fake.refuse(true);
            assertThatThrownBy(() -> custody.unlock(keyset, KmsKek.source(kms)))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset + " cannot be unlocked: the KMS key " + keyUri
                            + " is not reachable or refused (HTTP 403)")
                    .hasNoCause();
        }
    }

    @Test
    void anUnusableServiceAccountFileIsOneLine() throws Exception {
        String keyUri = "gcp-kms://projects/office/locations/global/keyRings/tipline/cryptoKeys/" + UUID.randomUUID();
        Path credentials = Files.writeString(dir.resolve("service-account.json"), "{\"type\":\"service_account\"}");
        Path keyset = dir.resolve("office-keyset.json");
        assertThatThrownBy(() -> new OfficeKeyCustody().init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri),
                new KmsAccess(Optional.of(credentials))))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageStartingWith("no usable credentials for the KMS key " + keyUri + " were found (")
                .hasNoCause();
        assertThat(keyset).doesNotExist();
    }
}
