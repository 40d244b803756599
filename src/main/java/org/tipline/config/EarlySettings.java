package org.tipline.config;

/**
 * Settings read before Quarkus's configuration exists: at start-up checks, for the embedded
 * database, and in the command-line tools. A {@code -D} system property wins over the
 * environment variable, as in Quarkus; a blank value counts as unset.
 */
public final class EarlySettings {

    private EarlySettings() {
    }

    /** The value of {@code -Dproperty}, else of {@code $environment}; null when unset or blank. */
    public static String get(String property, String environment) {
        String value = System.getProperty(property, System.getenv(environment));
        return value == null || value.isBlank() ? null : value;
    }
}
