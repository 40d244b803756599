package org.tipline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.LogSafe;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * One line at the end of the start that says what started: the role, the office key ids
 * and their KEM, the database (the embedded folder, or host and database name; never a user
 * or password) and the ports. Written once per start, so it dates no tip. The data folder is the
 * operator's, and is escaped like anything else that is logged ({@link LogSafe}).
 */
@ApplicationScoped
public class StartLine {

    private final TiplineConfig config;
    private final OfficePublicKey officeKey;

    public StartLine(TiplineConfig config, OfficePublicKey officeKey) {
        this.config = config;
        this.officeKey = officeKey;
    }

    void onStart(@Observes StartupEvent event) {
        Log.info(line());
    }

    String line() {
        Config settings = ConfigProvider.getConfig();
        return "tipline started: role " + config.role().label()
                + "; office keys " + String.join(", ", officeKey.describeKeys())
                + "; database " + database(EmbeddedDatabase.serving(),
                        settings.getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse(null))
                + "; HTTP on " + address(settings, "quarkus.http")
                + ", health and metrics on " + address(settings, "quarkus.management");
    }

    /** The embedded folder, or the server's host, port and database from its JDBC URL, without credentials. */
    static String database(Path embedded, String jdbcUrl) {
        if (embedded != null) {
            return "embedded PostgreSQL in " + LogSafe.escape(embedded);
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            return "(not configured)";
        }
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String host = uri.getHost() == null ? "(no host)" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String name = uri.getPath() == null || uri.getPath().length() <= 1 ? "(default)" : uri.getPath().substring(1);
            return "PostgreSQL server " + host + port + ", database " + name;
        } catch (IllegalArgumentException e) {
            return "PostgreSQL server (a URL that does not parse as a URI)";
        }
    }

    private static String address(Config settings, String prefix) {
        String host = settings.getOptionalValue(prefix + ".host", String.class).orElse("0.0.0.0");
        String portKey = LaunchMode.current() == LaunchMode.TEST ? prefix + ".test-port" : prefix + ".port";
        String port = settings.getOptionalValue(portKey, String.class).orElse("?");
        return host + ":" + port;
    }
}
