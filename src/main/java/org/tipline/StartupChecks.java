package org.tipline;

import org.tipline.crypto.KeyLoadingException;
import org.tipline.keys.RoleKeys;
import org.tipline.platform.config.TiplineConfig;

/**
 * The key checks run before anything else starts, so that a misconfigured role stops with
 * one clear line rather than a stack trace. The key beans load the same keys again, by the
 * same rules ({@link RoleKeys}); these checks only fail early.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /** Null when the keys of the configured role load; otherwise the reason, in one line. */
    static String keyProblem(TiplineConfig settings) {
        try {
            new RoleKeys(settings).check();
            return null;
        } catch (KeyLoadingException e) {
            return e.getMessage();
        }
    }
}
