package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.FakeKms;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKek;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyBeans;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.Passphrase;
import org.tipline.keys.RoleKeys;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;

/**
 * The review role's start with a keyset under a KMS key: the early check in
 * {@link StartupChecks} and the {@link OfficePrivateKey} bean. The packaged application
 * cannot reach the fake KMS of the tests, so both are exercised here, in this JVM.
 */
class ReviewStartWithKmsKeyTests {

    private static final List<String> PROPERTIES = List.of("tipline.role", "tipline.office-keyset",
            "tipline.office-public-keyset", "tipline.office-key-passphrase-file", "tipline.office-kms-credentials-file",
            "tipline.office-kms-key-uri");

    @TempDir
    Path dir;

    private FakeKms fake;
    private String keyUri;
    private Path keyset;

    @BeforeEach
    void kmsKeyset() throws Exception {
        fake = FakeKms.install();
        keyUri = FakeKms.newKeyUri();
        keyset = dir.resolve("office-keyset.json");
        new OfficeKeyCustody().init(keyset, OfficeKem.X25519, new KmsKeyUri(keyUri), KmsAccess.defaultCredentials());
    }

    @AfterEach
    void clearSettings() {
        PROPERTIES.forEach(System::clearProperty);
    }

    private void review(Path officeKeyset) {
        System.setProperty("tipline.role", "review");
        System.setProperty("tipline.office-keyset", officeKeyset.toString());
        System.setProperty("tipline.office-kms-key-uri", keyUri);
    }

    @Test
    void theStartCheckTrustsOnlyTheKmsKeyTheSettingsName() {
        review(keyset);
        System.clearProperty("tipline.office-kms-key-uri");
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).contains("which TIPLINE_OFFICE_KMS_KEY_URI does not name");
        System.setProperty("tipline.office-kms-key-uri", FakeKms.newKeyUri());
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).contains("which TIPLINE_OFFICE_KMS_KEY_URI does not name");
    }

    @Test
    void theStartCheckUnlocksAKmsKeysetWithoutAPassphraseFile() {
        review(keyset);
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isNull();
    }

    @Test
    void theStartCheckSaysInOneLineWhenTheKmsCannotBeReachedOrRefuses() {
        review(keyset);
        fake.mode(keyUri, FakeKms.Mode.UNREACHABLE);
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isEqualTo("the office keyset " + keyset + " cannot be unlocked: the KMS key "
                + keyUri + " is not reachable or refused (ConnectException)");
        fake.mode(keyUri, FakeKms.Mode.REFUSE);
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isEqualTo("the office keyset " + keyset + " cannot be unlocked: the KMS key "
                + keyUri + " is not reachable or refused (SecurityException)");
    }

    @Test
    void theStartCheckStillWantsThePassphraseFileForAPassphraseKeyset() throws Exception {
        Path passphraseKeyset = dir.resolve("passphrase-keyset.json");
        try (Passphrase passphrase = Passphrase.wrap("lantern orchard gravel 1987".toCharArray())) {
            new OfficeKeyCustody().init(passphraseKeyset, OfficeKem.X25519, passphrase,
                    new Argon2idParameters(1024, 1, 1));
        }
        review(passphraseKeyset);
        System.clearProperty("tipline.office-kms-key-uri");
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isEqualTo("the office keyset " + passphraseKeyset
                + " needs its passphrase: set TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
        System.setProperty("tipline.office-key-passphrase-file",
                Files.writeString(dir.resolve("passphrase"), "lantern orchard gravel 1987\n").toString());
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isNull();
    }

    @Test
    void theReviewRoleWithoutAKeysetNamesWhatItNeeds() {
        System.setProperty("tipline.role", "review");
        assertThat(StartupChecks.keyProblem(EarlySettings.read().tipline())).isEqualTo("the review role needs TIPLINE_OFFICE_KEYSET, the office keyset "
                + "(created with 'keys init'), and TIPLINE_OFFICE_KEY_PASSPHRASE_FILE unless the keyset is encrypted "
                + "under a KMS key");
    }

    @Test
    void theOfficePrivateKeyOpensTipsSealedToTheKmsKeyset() throws Exception {
        Path publicFile = dir.resolve("office-public.json");
        new OfficeKeyCustody().exportPublic(keyset, KmsKek.source(KmsAccess.defaultCredentials()), publicFile);
        UUID tipId = UUID.randomUUID();
        byte[] contextInfo = Bindings.tip(tipId, Bindings.TIP_FORMAT_VERSION);
        byte[] ciphertext = KeysetFiles.readPublic(publicFile).getPrimitive(HybridConfig2026.get(), HybridEncrypt.class)
                .encrypt("a tip".getBytes(StandardCharsets.UTF_8), contextInfo);

        OfficePrivateKey privateKey = OfficeKeyBeans.privateKey(new RoleKeys(config(keyset)));
        assertThat(privateKey.open(ciphertext, contextInfo)).isEqualTo("a tip".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOfficePrivateKeyRefusesToStartInOneLineWhenTheKmsIsUnreachable() {
        fake.mode(keyUri, FakeKms.Mode.UNREACHABLE);
        assertThatThrownBy(() -> OfficeKeyBeans.privateKey(new RoleKeys(config(keyset))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tipline cannot start: the office keyset " + keyset + " cannot be unlocked: the KMS key "
                        + keyUri + " is not reachable or refused (ConnectException)")
                .hasNoCause();
    }

    /** The review role's settings: this keyset, its trusted KMS key, and neither a passphrase file nor KMS credentials. */
    private TiplineConfig config(Path officeKeyset) {
        Map<String, Object> values = Map.of(
                "role", ServiceRole.REVIEW,
                "dataDir", dir,
                "timeGranularity", Duration.ofHours(1),
                "officePublicKeyset", Optional.empty(),
                "officeKeyset", Optional.of(officeKeyset),
                "officeKeyPassphraseFile", Optional.empty(),
                "officeKmsCredentialsFile", Optional.empty(),
                "officeKmsKeyUri", Optional.of(keyUri));
        return (TiplineConfig) Proxy.newProxyInstance(TiplineConfig.class.getClassLoader(),
                new Class<?>[] {TiplineConfig.class}, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
