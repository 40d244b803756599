package org.tipline.platform.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.tipline.platform.config.ServiceRole;

/**
 * The embedded PostgreSQL that tipline starts when no database server is configured.
 *
 * <p>It runs real PostgreSQL binaries (zonky) with its files under {@code <data-dir>/pg},
 * keeps {@code fsync} and {@code synchronous_commit} on, and keeps its data across restarts.
 * Nobody else on the machine gets in:
 * <ul>
 * <li>no Unix socket at all, and TCP on 127.0.0.1 only;</li>
 * <li>{@code pg_hba.conf} is rewritten at every start to allow password (SCRAM) logins only:
 *     no {@code trust}, no peer, no replication;</li>
 * <li>every login has a random password, kept in {@code <data-dir>/pg-logins.properties}
 *     (mode 0600, in a data directory of mode 0700);</li>
 * <li>tipline never serves as the superuser: the schema belongs to {@code tipline_owner},
 *     which migrates it, and each role connects with the rights that the migrations grant
 *     it ({@link Login}).</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    /** The database tipline's tables live in; the cluster's {@code postgres} database stays empty. */
    public static final String DATABASE = "tipline";
    private static final String SUPERUSER = "postgres";
    static final String LOGINS_FILE = "pg-logins.properties";
    private static final String HBA = """
            # Written by tipline at every start: password (SCRAM) logins over loopback TCP only.
            # There is no Unix socket (unix_socket_directories is empty), no trust and no replication.
            host    all    all    127.0.0.1/32    scram-sha-256
            """;

    /** The database logins of an embedded cluster. */
    public enum Login {
        /** Owns the schema and runs the migrations; no serving process uses it. */
        OWNER("tipline_owner"),
        /** The intake role's rights: insert tips, the tipster's follow-up. */
        INTAKE("tipline_intake"),
        /** The review role's rights: what the office API needs. */
        REVIEW("tipline_review"),
        /** An all-in-one process: a member of both {@code tipline_intake} and {@code tipline_review}. */
        ALL_IN_ONE("tipline_app");

        private final String roleName;

        Login(String roleName) {
            this.roleName = roleName;
        }

        public String roleName() {
            return roleName;
        }

        /** The login a process serving {@code role} connects with. */
        public static Login serving(ServiceRole role) {
            switch (role) {
                case INTAKE:
                    return INTAKE;
                case REVIEW:
                    return REVIEW;
                default:
                    return ALL_IN_ONE;
            }
        }
    }

    /** The data folder of the embedded database this process serves from, once it is exported. */
    private static volatile Path serving;

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Properties passwords;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, Properties passwords) {
        this.postgres = postgres;
        this.directory = directory;
        this.passwords = passwords;
    }

    /** Starts (and on first use creates) the database cluster under {@code dataDir/pg}. */
    public static EmbeddedDatabase startUnder(Path dataDir) throws StartFailure {
        return start(dataDir.resolve("pg"), 0);
    }

    /**
     * Starts the cluster in {@code pgDir} on {@code port} (0 picks a free port). Its logins'
     * passwords live beside it, in {@code pg-logins.properties} of {@code pgDir}'s parent.
     */
    public static EmbeddedDatabase start(Path pgDir, int port) throws StartFailure {
        Path parent = pgDir.toAbsolutePath().getParent();
        Path loginsFile = parent.resolve(LOGINS_FILE);
        Path passwordFile = parent.resolve(".pg-initdb-password");
        EmbeddedPostgres postgres = null;
        try {
            Files.createDirectories(parent);
            restrictToOwner(parent, "rwx------");
            boolean created = Files.exists(pgDir.resolve("postgresql.conf"));
            if (created && !Files.exists(loginsFile)) {
                throw new StartFailure("the embedded PostgreSQL in " + pgDir + " was made by an older tipline, "
                        + "which let any local user in; move that folder aside (tipline starts a new, locked one) "
                        + "or set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL to use a "
                        + "PostgreSQL server instead", null);
            }
            Properties passwords = created ? read(loginsFile) : newPasswords(loginsFile);
            String superuserPassword = passwords.getProperty(SUPERUSER);
            Files.createDirectories(pgDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                    .setConnectConfig("password", superuserPassword)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("ssl", "off")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("track_commit_timestamp", "off")
                    .setServerConfig("log_connections", "off")
                    .setServerConfig("log_disconnections", "off")
                    .setServerConfig("log_statement", "none")
                    .setServerConfig("log_min_error_statement", "panic")
                    // WAL commit records carry exact commit times: keep WAL only while crash
                    // recovery needs it. A segment that a checkpoint has passed is deleted, not
                    // recycled with its old records in it; a quiet server closes its segment after
                    // 30 s and checkpoints within a minute. Why and what it costs:
                    // WalRetentionTests, bench/wal.sh, docs/configuration.md ("Your own PostgreSQL server").
                    .setServerConfig("wal_recycle", "off")
                    .setServerConfig("wal_init_zero", "on")
                    .setServerConfig("min_wal_size", "32MB")
                    .setServerConfig("max_wal_size", "1GB")
                    .setServerConfig("wal_keep_size", "0")
                    .setServerConfig("archive_mode", "off")
                    .setServerConfig("archive_timeout", "30s")
                    .setServerConfig("checkpoint_timeout", "60s")
                    .setServerConfig("log_checkpoints", "off");
            if (!created) {
                // initdb sets the superuser's password from this file, which is removed below.
                writeOwnerOnly(passwordFile, superuserPassword + "\n");
                builder.setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, pgDir, passwords);
            database.provision();
            LOG.info(() -> "embedded PostgreSQL listening on 127.0.0.1:" + database.port()
                    + ", files in " + pgDir);
            return database;
        } catch (StartFailure e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new StartFailure("the embedded PostgreSQL could not start in " + pgDir
                    + " (" + oneLine(e) + "). Set QUARKUS_DATASOURCE_REACTIVE_URL and "
                    + "QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead.", e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                LOG.warning(() -> "could not remove " + passwordFile + ": " + oneLine(e));
            }
        }
    }

    /**
     * Creates the logins and the {@code tipline} database, or brings them back to what they
     * must be: passwords as in the logins file, no superuser or role-making rights, the
     * database open to tipline's logins only. The grants on tables come from the migrations.
     */
    private void provision() throws SQLException {
        try (Connection connection = connect(SUPERUSER, "postgres", superuserPassword());
                Statement statement = connection.createStatement()) {
            for (Login login : Login.values()) {
                String name = login.roleName();
                String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password "
                        + quoted(passwords.getProperty(name));
                statement.execute(exists(connection, "select 1 from pg_roles where rolname = ?", name)
                        ? "alter role " + name + " with" + attributes
                        : "create role " + name + " with" + attributes);
            }
            statement.execute("grant " + Login.INTAKE.roleName() + ", " + Login.REVIEW.roleName()
                    + " to " + Login.ALL_IN_ONE.roleName());
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("create database " + DATABASE + " owner " + Login.OWNER.roleName());
            }
            statement.execute("revoke all on database " + DATABASE + " from public");
            statement.execute("revoke all on database postgres from public");
            statement.execute("grant connect on database " + DATABASE + " to " + Login.INTAKE.roleName() + ", "
                    + Login.REVIEW.roleName());
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A password as an SQL literal; they are base64url, so this is only a guard. */
    private static String quoted(String password) {
        if (password == null || !password.matches("[A-Za-z0-9_-]{32,}")) {
            throw new IllegalStateException("the logins file holds a password of an unexpected form");
        }
        return "'" + password + "'";
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /**
     * The password of one of tipline's logins of the cluster in {@code pgDir}, for a command
     * that joins a running embedded database; null when there is none.
     */
    public static String password(Path pgDir, Login login) {
        try {
            return load(pgDir.toAbsolutePath().getParent().resolve(LOGINS_FILE)).getProperty(login.roleName());
        } catch (IOException e) {
            return null;
        }
    }

    /** The password of one of tipline's logins. */
    public String password(Login login) {
        return passwords.getProperty(login.roleName());
    }

    /** A JDBC connection to the tipline database as one of tipline's logins. */
    public Connection connect(Login login) throws SQLException {
        return connect(login.roleName(), DATABASE, password(login));
    }

    /**
     * A JDBC connection as the cluster's superuser, for tests that play an intruder who got
     * past the database's rules. tipline itself uses it only to create the logins at start.
     */
    public Connection connectAsSuperuser() throws SQLException {
        return connect(SUPERUSER, DATABASE, superuserPassword());
    }

    /** The cluster superuser's password, for the same tests. */
    public String superuserPassword() {
        return passwords.getProperty(SUPERUSER);
    }

    private Connection connect(String user, String database, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, user, password);
    }

    /**
     * The Quarkus settings for a process serving {@code role} from this database: it connects
     * with that role's login, and migrates the schema at start as the owner.
     */
    public Map<String, String> datasourceSettings(ServiceRole role) {
        Login login = Login.serving(role);
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", login.roleName(),
                "quarkus.datasource.password", password(login),
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.flyway.username", Login.OWNER.roleName(),
                "quarkus.flyway.password", password(Login.OWNER));
    }

    /** Points Quarkus's datasource at this database through system properties. */
    public void exportAsDatasource(ServiceRole role) {
        datasourceSettings(role).forEach(System::setProperty);
        serving = directory;
    }

    /** The folder of the embedded database this process serves from, or null when it uses a server. */
    public static Path serving() {
        return serving;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning(() -> "embedded PostgreSQL did not stop cleanly: " + oneLine(e));
        }
    }

    private static void writeHba(Path pgDir) {
        try {
            writeOwnerOnly(pgDir.resolve("pg_hba.conf"), HBA);
            Files.writeString(pgDir.resolve("pg_ident.conf"), "# No identity maps: tipline allows password logins only.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties newPasswords(Path loginsFile) throws IOException {
        SecureRandom random = new SecureRandom();
        Properties passwords = new Properties();
        passwords.setProperty(SUPERUSER, randomPassword(random));
        for (Login login : Login.values()) {
            passwords.setProperty(login.roleName(), randomPassword(random));
        }
        StringWriter content = new StringWriter();
        passwords.store(content, " The embedded PostgreSQL's logins. Keep this file (and the pg folder) to yourself.");
        AtomicFiles.write(loginsFile, content.toString().getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY, false);
        return passwords;
    }

    private static Properties read(Path loginsFile) throws IOException, StartFailure {
        Properties passwords = load(loginsFile);
        if (passwords.getProperty(SUPERUSER) == null) {
            throw new StartFailure("the logins file " + loginsFile + " is damaged", null);
        }
        restrictToOwner(loginsFile, "rw-------");
        return passwords;
    }

    private static Properties load(Path loginsFile) throws IOException {
        Properties passwords = new Properties();
        try (Reader reader = Files.newBufferedReader(loginsFile, StandardCharsets.UTF_8)) {
            passwords.load(reader);
        }
        return passwords;
    }

    private static String randomPassword(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Creates or replaces {@code file} with mode 0600 before anything is written into it. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void restrictToOwner(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** The embedded database could not start; the message says why in one line. */
    public static final class StartFailure extends Exception {
        public StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
