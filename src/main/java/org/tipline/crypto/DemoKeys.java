package org.tipline.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The demo office key pair of the all-in-one default: created once under
 * {@code <data-dir>/keys}, in the clear, for trying tipline out. A real office creates
 * its keyset with the key tool and gives intake only the public half.
 */
public final class DemoKeys {

    public static final String PUBLIC_FILE = "office-public.json";
    public static final String PRIVATE_FILE = "office-private.json";

    private DemoKeys() {
    }

    /** The demo public keyset file under {@code dataDir/keys}, created with its private half if missing. */
    public static Path ensure(Path dataDir) throws KeyLoadingException {
        Path keys = dataDir.resolve("keys");
        Path publicFile = keys.resolve(PUBLIC_FILE);
        Path privateFile = keys.resolve(PRIVATE_FILE);
        if (Files.exists(publicFile)) {
            return publicFile;
        }
        try {
            Files.createDirectories(keys);
            CryptoProviders.install();
            KeysetHandle privateHandle = KeysetHandle.generateNew(OfficeKem.X25519.parameters(), HybridConfig2026.get());
            KeysetFiles.writePrivate(privateHandle, privateFile);
            KeysetFiles.writePublic(privateHandle.getPublicKeysetHandle(), publicFile);
            return publicFile;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyLoadingException("the demo office key pair could not be created in " + keys);
        }
    }

    public static Path privateFile(Path dataDir) {
        return dataDir.resolve("keys").resolve(PRIVATE_FILE);
    }
}
