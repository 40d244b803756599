package org.tipline;

import java.util.NoSuchElementException;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.keys.RoleKeys;
import org.tipline.platform.config.EarlySettings;

/**
 * The key checks run before anything else starts, so that a misconfigured role stops with
 * one clear line rather than a stack trace. The key beans load the same keys again, by the
 * same rules ({@link RoleKeys}); these checks only fail early.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /** Null when the keys of the configured role load; otherwise the reason, in one line. */
    static String keyProblem() {
        RoleKeys keys;
        try {
            keys = new RoleKeys(EarlySettings.read().tipline());
        } catch (IllegalArgumentException | NoSuchElementException e) {
            return oneLine(e.getMessage());
        }
        try {
            keys.check();
            return null;
        } catch (KeyLoadingException e) {
            return e.getMessage();
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
