package org.tipline.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.Passphrase;

/** A review process: an office keyset under a passphrase (cheap Argon2id for tests), made once under target/. */
public class ReviewRoleProfile implements QuarkusTestProfile {

    private static final String PASSPHRASE = "lantern orchard gravel 1987";

    @Override
    public Map<String, String> getConfigOverrides() {
        Path keys = Path.of("target", "role-keys", "review").toAbsolutePath();
        Path keyset = keys.resolve("office-keyset.json");
        Path passphraseFile = keys.resolve("passphrase");
        try {
            Files.createDirectories(keys);
            if (!Files.exists(keyset)) {
                try (Passphrase passphrase = Passphrase.wrap(PASSPHRASE.toCharArray())) {
                    new OfficeKeyCustody().init(keyset, OfficeKem.X25519, passphrase, new Argon2idParameters(1024, 1, 1));
                }
            }
            Files.writeString(passphraseFile, PASSPHRASE + "\n", StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new java.util.HashMap<>(TestDatabase.loginOf("review"));
        config.putAll(Map.of("tipline.role", "review",
                "tipline.office-keyset", keyset.toString(),
                "tipline.office-key-passphrase-file", passphraseFile.toString()));
        return config;
    }
}
