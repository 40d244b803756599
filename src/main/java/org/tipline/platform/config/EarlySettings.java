package org.tipline.platform.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;

/**
 * Settings read before Quarkus's configuration exists: by the start check, for the embedded
 * database, and in the command-line tools. They are the same typed settings Quarkus reads
 * ({@link TiplineConfig}, and the datasource's), from the same places in the same order:
 * {@code -D} system properties, then environment variables, then application.properties.
 * Each call reads them afresh.
 */
public final class EarlySettings {

    /** The application.properties ordinal Quarkus uses. */
    private static final int APPLICATION_PROPERTIES = 250;

    private final SmallRyeConfig config;

    private EarlySettings(SmallRyeConfig config) {
        this.config = config;
    }

    /**
     * The settings as they stand now.
     *
     * @throws IllegalArgumentException when a setting is wrong, with a one-line message that names it
     */
    public static EarlySettings read() {
        try {
            return new EarlySettings(new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .addDefaultInterceptors()
                    .withSources(applicationProperties())
                    .withMapping(TiplineConfig.class)
                    .withValidateUnknown(false)
                    .build());
        } catch (ConfigValidationException e) {
            throw new IllegalArgumentException(describe(e), null);
        }
    }

    /**
     * The first problem in one line: a converter's own message (which names the setting, see
     * {@link ServiceRole.Converter}) rather than SmallRye's wrapping, which would repeat the value.
     */
    private static String describe(ConfigValidationException e) {
        if (e.getProblemCount() == 0) {
            return "a setting is wrong";
        }
        String message = e.getProblem(0).getMessage();
        String converted = "whilst being converted ";
        int cut = message.indexOf(converted);
        if (cut >= 0) {
            message = message.substring(cut + converted.length());
        }
        return message.replaceAll("SRCFG\\d+: ", "").replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** tipline's own settings. */
    public TiplineConfig tipline() {
        return config.getConfigMapping(TiplineConfig.class);
    }

    /** Quarkus's own {@code quarkus.datasource.*} settings, the only ones of Quarkus's that tipline reads early. */
    public Datasource datasource() {
        return new Datasource(value("quarkus.datasource.jdbc.url"), value("quarkus.datasource.reactive.url"),
                value("quarkus.datasource.username"), value("quarkus.datasource.password"));
    }

    /**
     * Who migrates the schema: {@code quarkus.flyway.jdbc-url}, {@code .username} and
     * {@code .password} where set (the schema owner's login), else the datasource's own.
     */
    public Datasource migrator() {
        Datasource serving = datasource();
        return new Datasource(value("quarkus.flyway.jdbc-url").or(serving::jdbcUrl), serving.reactiveUrl(),
                value("quarkus.flyway.username").or(serving::username),
                value("quarkus.flyway.password").or(serving::password));
    }

    private Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank());
    }

    /**
     * The PostgreSQL server the operator configured, if any. (A plain record: a config mapping
     * under Quarkus's own prefix is Quarkus's to define.)
     */
    public record Datasource(Optional<String> jdbcUrl, Optional<String> reactiveUrl, Optional<String> username,
            Optional<String> password) {

        /** True when either URL is set: tipline then uses that server and starts no embedded one. */
        public boolean configured() {
            return jdbcUrl.isPresent() || reactiveUrl.isPresent();
        }

        @Override
        public String toString() {
            return "Datasource[redacted]";
        }
    }

    private static PropertiesConfigSource applicationProperties() {
        URL url = EarlySettings.class.getClassLoader().getResource("application.properties");
        try {
            return url == null ? new PropertiesConfigSource(java.util.Map.of(), "application.properties", APPLICATION_PROPERTIES)
                    : new PropertiesConfigSource(url, APPLICATION_PROPERTIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
