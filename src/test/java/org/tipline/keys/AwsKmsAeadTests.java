package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * tipline's AWS KMS client for Tink, with the SDK's KMS client replaced by one that records
 * each request: the requests are the ones tink-awskms 1.11.0 made, and a Decrypt answered in
 * the name of another key is refused.
 */
class AwsKmsAeadTests {

    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09ba-87dc-65fe-0987654321ba";

    @TempDir
    Path dir;

    /** An AWS KMS that answers every call as {@code answeringKeyId} and keeps the requests. */
    static final class RecordingKms implements KmsClient {
        final List<Object> requests = new ArrayList<>();
        String answeringKeyId;
        RuntimeException failure;

        RecordingKms(String answeringKeyId) {
            this.answeringKeyId = answeringKeyId;
        }

        @Override
        public EncryptResponse encrypt(EncryptRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return EncryptResponse.builder().keyId(answeringKeyId)
                    .ciphertextBlob(SdkBytes.fromUtf8String("blob:" + request.plaintext().asUtf8String())).build();
        }

        @Override
        public DecryptResponse decrypt(DecryptRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return DecryptResponse.builder().keyId(answeringKeyId)
                    .plaintext(SdkBytes.fromUtf8String(request.ciphertextBlob().asUtf8String().substring(5))).build();
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAssociatedDataEachCallNamesTheKeyAndSendsNoEncryptionContext() throws Exception {
        RecordingKms kms = new RecordingKms(KEY_ARN);
        Aead aead = new AwsKmsAead(kms, KEY_ARN);
        byte[] ciphertext = aead.encrypt(utf8("data key"), new byte[0]);
        assertThat(aead.decrypt(ciphertext, null)).isEqualTo(utf8("data key"));

        EncryptRequest encrypt = (EncryptRequest) kms.requests.get(0);
        assertThat(encrypt.keyId()).isEqualTo(KEY_ARN);
        assertThat(encrypt.plaintext().asUtf8String()).isEqualTo("data key");
        assertThat(encrypt.hasEncryptionContext()).as("no context at all, not an empty one").isFalse();
        assertThat(encrypt.encryptionAlgorithmAsString()).as("the key's default, as tink-awskms left it").isNull();
        assertThat(encrypt.hasGrantTokens()).isFalse();
        DecryptRequest decrypt = (DecryptRequest) kms.requests.get(1);
        assertThat(decrypt.keyId()).as("Decrypt names the key too, so KMS uses no other").isEqualTo(KEY_ARN);
        assertThat(decrypt.ciphertextBlob().asByteArray()).isEqualTo(ciphertext);
        assertThat(decrypt.hasEncryptionContext()).isFalse();
        assertThat(decrypt.encryptionAlgorithmAsString()).isNull();
    }

    @Test
    void associatedDataGoesAsAnEncryptionContextInLowercaseHex() throws Exception {
        RecordingKms kms = new RecordingKms(KEY_ARN);
        Aead aead = new AwsKmsAead(kms, KEY_ARN);
        byte[] associatedData = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xab, (byte) 0xff, 't'};
        aead.decrypt(aead.encrypt(utf8("x"), associatedData), associatedData);
        Map<String, String> expected = Map.of("associatedData", "00017f80abff74");
        assertThat(((EncryptRequest) kms.requests.get(0)).encryptionContext()).isEqualTo(expected);
        assertThat(((DecryptRequest) kms.requests.get(1)).encryptionContext()).isEqualTo(expected);
    }

    @Test
    void aDecryptAnsweredInTheNameOfAnotherKeyIsRefused() throws Exception {
        RecordingKms kms = new RecordingKms(KEY_ARN);
        Aead aead = new AwsKmsAead(kms, KEY_ARN);
        byte[] ciphertext = aead.encrypt(utf8("data key"), new byte[0]);
        kms.answeringKeyId = OTHER_KEY_ARN;
        assertThatThrownBy(() -> aead.decrypt(ciphertext, new byte[0])).isInstanceOf(GeneralSecurityException.class)
                .hasMessage("decryption failed: wrong key id");
        kms.answeringKeyId = null;
        assertThatThrownBy(() -> aead.decrypt(ciphertext, new byte[0])).as("an answer that names no key")
                .isInstanceOf(GeneralSecurityException.class).hasMessage("decryption failed: wrong key id");
    }

    @Test
    void anAliasIsNotComparedWithTheKeyArnKmsAnswersWithAsInTinkAwsKms() throws Exception {
        String alias = "arn:aws:kms:eu-west-1:111122223333:alias/tipline-office";
        RecordingKms kms = new RecordingKms(KEY_ARN);
        Aead aead = new AwsKmsAead(kms, alias);
        byte[] ciphertext = aead.encrypt(utf8("data key"), new byte[0]);
        assertThat(aead.decrypt(ciphertext, new byte[0])).isEqualTo(utf8("data key"));
        assertThat(((DecryptRequest) kms.requests.get(1)).keyId()).isEqualTo(alias);
        assertThat(AwsKmsAead.isKeyArn(KEY_ARN)).isTrue();
        assertThat(AwsKmsAead.isKeyArn(alias)).isFalse();
        assertThat(AwsKmsAead.isKeyArn("1234abcd-12ab-34cd-56ef-1234567890ab")).isFalse();
        assertThat(AwsKmsAead.isKeyArn("arn:aws:kms:eu-west-1:111122223333:key/x:extra")).isFalse();
    }

    @Test
    void anSdkFailureIsAGeneralSecurityExceptionThatKeepsTheKmsErrorCode() {
        RecordingKms kms = new RecordingKms(KEY_ARN);
        Aead aead = new AwsKmsAead(kms, KEY_ARN);
        kms.failure = KmsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        assertThatThrownBy(() -> aead.decrypt(utf8("blob:x"), new byte[0])).isInstanceOf(GeneralSecurityException.class)
                .hasMessage("decryption failed").cause().isSameAs(kms.failure);
        assertThat(new AwsKmsIntegration().failureName(kms.failure)).isEqualTo("AccessDeniedException");
        kms.failure = SdkClientException.create("Unable to execute HTTP request");
        assertThatThrownBy(() -> aead.encrypt(utf8("x"), new byte[0])).isInstanceOf(GeneralSecurityException.class)
                .hasMessage("encryption failed").cause().isSameAs(kms.failure);
        assertThat(new AwsKmsIntegration().failureName(kms.failure)).isEqualTo("SdkClientException");
    }

    @Test
    void theRegionIsTheArnsFourthFieldAndAUriWithoutOneIsRefused() throws Exception {
        assertThat(AwsKmsKeyClient.region(KEY_ARN)).isEqualTo(Region.EU_WEST_1);
        assertThat(AwsKmsKeyClient.region("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k"))
                .isEqualTo(Region.US_GOV_WEST_1);
        assertThat(AwsKmsKeyClient.region("arn:aws:kms:xx-future-9:111122223333:key/k").id())
                .as("a region newer than the SDK is still reached").isEqualTo("xx-future-9");
        for (String bad : new String[] {"1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms", "arn:aws:kms::1:key/k",
                "arn:aws:kms:EU-WEST-1:1:key/k", "arn:aws:kms:evil.example#:1:key/k", "arn:aws:kms:eu-west-1-:1:key/k"}) {
            assertThatThrownBy(() -> AwsKmsKeyClient.region(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid key URI: not a key ARN with a region");
        }

        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s"));
        AwsKmsKeyClient client = new AwsKmsKeyClient("aws-kms://" + KEY_ARN, credentials);
        assertThat(client.getAead("aws-kms://" + KEY_ARN)).hasToString("AwsKmsAead[" + KEY_ARN + "]");
        assertThat(client.kms(Region.US_EAST_1).serviceClientConfiguration().region())
                .as("the client was made for the ARN's region, once").isEqualTo(Region.EU_WEST_1);
        assertThat(client.kms(Region.US_EAST_1).serviceClientConfiguration().credentialsProvider())
                .isSameAs(credentials);
    }

    @Test
    void aClientServesItsOwnKeyOnly() {
        AwsKmsKeyClient client = new AwsKmsKeyClient("aws-kms://" + KEY_ARN,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")));
        assertThat(client.doesSupport("aws-kms://" + KEY_ARN)).isTrue();
        assertThat(client.doesSupport("aws-kms://" + OTHER_KEY_ARN)).isFalse();
        assertThatThrownBy(() -> client.getAead("aws-kms://" + OTHER_KEY_ARN))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new AwsKmsKeyClient("gcp-kms://projects/p", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPropertiesFileGivesTheKeysAndItsContentIsNeverInAMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("aws.properties"),
                "# office KMS\naccessKey = AKIDFROMFILE\nsecretKey=secret-from-file \n");
        AwsCredentials credentials = new AwsPropertiesFileCredentials(file).resolveCredentials();
        assertThat(credentials.accessKeyId()).isEqualTo("AKIDFROMFILE");
        assertThat(credentials.secretAccessKey()).isEqualTo("secret-from-file");

        Files.writeString(file, "accessKey=AKIDFROMFILE\nsecret=secret-from-file\n");
        assertThatThrownBy(() -> new AwsPropertiesFileCredentials(file).resolveCredentials())
                .isInstanceOf(SdkClientException.class)
                .hasMessage("the AWS credentials file has no accessKey and secretKey");
        Files.writeString(file, "accessKey=AKIDFROMFILE\nsecretKey=\\uZZZZsecret-from-file\n");
        assertThatThrownBy(() -> new AwsPropertiesFileCredentials(file).resolveCredentials())
                .isInstanceOf(SdkClientException.class).hasMessage("the AWS credentials file cannot be read")
                .hasNoCause();
        Files.delete(file);
        assertThatThrownBy(() -> new AwsPropertiesFileCredentials(file).resolveCredentials())
                .isInstanceOf(SdkClientException.class).hasMessage("the AWS credentials file cannot be read");
    }
}
