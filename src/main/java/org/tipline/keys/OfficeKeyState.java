package org.tipline.keys;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which office keys this process holds in memory now: the public keyset once it is loaded,
 * the private keyset once it is unlocked. {@link OfficeKeyBeans} marks them as it builds
 * them; {@link OfficeKeyReadiness} reads them, so that a process whose keys are not there is
 * never sent traffic.
 */
@ApplicationScoped
public class OfficeKeyState {

    private final AtomicBoolean publicLoaded = new AtomicBoolean();
    private final AtomicBoolean privateUnlocked = new AtomicBoolean();

    void publicLoaded() {
        publicLoaded.set(true);
    }

    void privateUnlocked() {
        privateUnlocked.set(true);
    }

    public boolean hasPublicKey() {
        return publicLoaded.get();
    }

    public boolean hasPrivateKey() {
        return privateUnlocked.get();
    }
}
