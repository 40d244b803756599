package org.tipline.keys;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.LogSafe;

/**
 * The office keys in memory, as {@link RoleKeys} decides for this process's role. The
 * public key is built at start; the private key only where the role reads tips, and asking
 * for it in the intake role fails.
 */
@Singleton
public class OfficeKeyBeans {

    @Produces
    @Singleton
    OfficePrivateKey privateKey(TiplineConfig config, OfficeKeyState state) {
        OfficePrivateKey unlocked = privateKey(new RoleKeys(config));
        state.privateUnlocked();
        return unlocked;
    }

    @Produces
    @Startup
    @Singleton
    OfficePublicKey publicKey(TiplineConfig config, Instance<OfficePrivateKey> privateKey, MeterRegistry registry,
            OfficeKeyState state) {
        RoleKeys keys = new RoleKeys(config);
        try {
            RoleKeys.PublicKeyset loaded = keys.publicKeyset(
                    keys.holdsPrivateKeyset() ? privateKey.get().keyset() : null);
            if (loaded.demo()) {
                Log.warnf("DEMO KEY: tips are encrypted to the demo office key pair in %s, whose private half "
                        + "lies unprotected beside it. Set TIPLINE_OFFICE_PUBLIC_KEYSET for real tips.", LogSafe.escape(loaded.folder()));
            }
            OfficePublicKey publicKey = new OfficePublicKey(loaded.keyset(), registry);
            state.publicLoaded();
            return publicKey;
        } catch (KeyLoadingException e) {
            throw cannotStart(e.getMessage());
        } catch (GeneralSecurityException e) {
            throw cannotStart("the office public keyset cannot encrypt (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The unlocked private key, or the one-line reason it cannot be had. */
    public static OfficePrivateKey privateKey(RoleKeys keys) {
        try {
            return new OfficePrivateKey(keys.privateKeyset());
        } catch (KeyLoadingException e) {
            throw cannotStart(e.getMessage());
        } catch (GeneralSecurityException e) {
            throw cannotStart("the office keyset cannot decrypt (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static IllegalStateException cannotStart(String reason) {
        return new IllegalStateException("tipline cannot start: " + reason, null);
    }
}
