package org.tipline.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.TiplineConfig;

/**
 * What the {@code keys} commands take from outside: settings, a way to ask for a
 * passphrase, and the custody operations. Tests give their own; {@link #system()} is the
 * real one.
 *
 * @param settings looks up a {@code TIPLINE_*} setting by its environment-variable name; null when unset
 * @param prompt   asks for a passphrase without echo
 * @param custody  the keyset operations
 */
public record KeysCliContext(UnaryOperator<String> settings, SecretPrompt prompt, OfficeKeyCustody custody) {

    public static final String DATA_DIR = "TIPLINE_DATA_DIR";
    public static final String PASSPHRASE_FILE = "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE";
    public static final String KMS_CREDENTIALS_FILE = "TIPLINE_OFFICE_KMS_CREDENTIALS_FILE";
    static final String KEYSET_FILE_NAME = "office-keyset.json";

    /** The settings the service reads (from {@code -D} properties, the environment or application.properties), and the console. */
    public static KeysCliContext system() {
        return new KeysCliContext(KeysCliContext::systemSetting, SecretPrompt.console(), new OfficeKeyCustody());
    }

    /** {@code $TIPLINE_DATA_DIR/keys/office-keyset.json}, the data directory defaulting to {@code ./tipline-data}. */
    Path defaultKeysetFile() {
        String dataDir = settings.apply(DATA_DIR);
        Path base = Path.of(dataDir == null || dataDir.isBlank() ? "tipline-data" : dataDir);
        return base.resolve("keys").resolve(KEYSET_FILE_NAME);
    }

    /** The passphrase file named by {@code TIPLINE_OFFICE_KEY_PASSPHRASE_FILE}, or null. */
    Path passphraseFileSetting() {
        return pathSetting(PASSPHRASE_FILE);
    }

    /** The KMS credentials file named by {@code TIPLINE_OFFICE_KMS_CREDENTIALS_FILE}, or null. */
    Path kmsCredentialsFileSetting() {
        return pathSetting(KMS_CREDENTIALS_FILE);
    }

    private Path pathSetting(String name) {
        String file = settings.apply(name);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** A setting from the same typed settings the service reads, named by its environment variable. */
    private static String systemSetting(String envName) {
        TiplineConfig settings = EarlySettings.read().tipline();
        Optional<Path> value = switch (envName) {
            case DATA_DIR -> Optional.of(settings.dataDir());
            case PASSPHRASE_FILE -> settings.officeKeyPassphraseFile();
            case KMS_CREDENTIALS_FILE -> settings.officeKmsCredentialsFile();
            default -> throw new IllegalArgumentException("not a keys setting: " + envName);
        };
        return value.map(Path::toString).orElse(null);
    }
}
