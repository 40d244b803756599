package org.tipline.crypto;

import java.security.Security;
import java.util.logging.Logger;
import org.conscrypt.Conscrypt;

/**
 * Registers Conscrypt (BoringSSL) as a JCA provider, last in line, so that Tink's HPKE
 * uses native X25519 (about five times cheaper) and can use post-quantum X-Wing.
 * Adding it last leaves the JVM's defaults, TLS included, untouched.
 */
public final class CryptoProviders {

    private static final Logger LOG = Logger.getLogger(CryptoProviders.class.getName());
    private static volatile Boolean conscryptAvailable;

    private CryptoProviders() {
    }

    /** Registers Conscrypt once; true when it is available on this platform. */
    public static synchronized boolean install() {
        if (conscryptAvailable == null) {
            boolean available;
            try {
                if (Security.getProvider("Conscrypt") == null) {
                    Security.addProvider(Conscrypt.newProvider());
                }
                available = true;
            } catch (Throwable e) { // UnsatisfiedLinkError on platforms without a native library
                available = false;
                LOG.warning("Conscrypt is not available on this platform; HPKE X25519 runs in pure Java "
                        + "(slower) and X-Wing keys cannot be used");
            }
            conscryptAvailable = available;
        }
        return conscryptAvailable;
    }
}
