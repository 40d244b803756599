package org.tipline.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.tipline.config.TiplineConfig;

/**
 * The office's public keyset, the only key material the intake side ever holds.
 * Loaded once at start from {@code TIPLINE_OFFICE_PUBLIC_KEYSET}, or from the demo key
 * pair when none is configured. A keyset holding private material stops the start.
 */
@Startup
@ApplicationScoped
public class OfficePublicKey {

    private final KeysetHandle keyset;
    private final HybridEncrypt encrypt;
    private final long primaryKeyId;
    private final List<Long> keyIds;
    private final String keysetJson;

    public OfficePublicKey(TiplineConfig config) {
        CryptoProviders.install();
        try {
            Path file;
            if (config.officePublicKeyset().isPresent()) {
                file = config.officePublicKeyset().get();
            } else {
                file = DemoKeys.ensure(config.dataDir());
                Log.warnf("DEMO KEY: tips are encrypted to the demo office key pair in %s, whose private half "
                        + "lies unprotected beside it. Set TIPLINE_OFFICE_PUBLIC_KEYSET for real tips.",
                        file.getParent().toAbsolutePath());
            }
            this.keyset = KeysetFiles.readPublic(file);
            this.encrypt = keyset.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
            this.keysetJson = KeysetFiles.publicJson(keyset);
        } catch (KeyLoadingException e) {
            throw new IllegalStateException("tipline cannot start: " + e.getMessage(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tipline cannot start: the office public keyset cannot encrypt ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        this.keyIds = List.copyOf(ids);
    }

    HybridEncrypt encrypt() {
        return encrypt;
    }

    /** The Tink id of the key new tips are encrypted to. */
    public long primaryKeyId() {
        return primaryKeyId;
    }

    public List<Long> keyIds() {
        return keyIds;
    }

    /** The keyset in Tink JSON, public material only. */
    public String keysetJson() {
        return keysetJson;
    }
}
