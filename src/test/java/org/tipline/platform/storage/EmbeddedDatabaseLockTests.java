package org.tipline.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.storage.EmbeddedDatabase.Login;

/**
 * The embedded PostgreSQL lets no other local user in: no Unix socket, password logins only,
 * the passwords in a file only tipline's own user can read, and tipline connects as logins
 * that are not superusers.
 */
class EmbeddedDatabaseLockTests {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.startUnder(dataDir);
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void noLoginGetsInWithoutItsPassword() {
        for (String user : List.of("postgres", "tipline_owner", "tipline_intake", "tipline_review", "tipline_app")) {
            for (String password : new String[] {null, "", "postgres", user}) {
                assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), user, password).close())
                        .as(user + " with " + password).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004", "28000"));
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres", "postgres", null).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void thereIsNoUnixSocketAndNoTrustLine() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(database.directory()), Files.list(Path.of("/tmp")))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.equals(".s.PGSQL." + database.port()));
        }
        String hba = Files.readString(database.directory().resolve("pg_hba.conf"));
        assertThat(hba.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .containsExactly("host    all    all    127.0.0.1/32    scram-sha-256");
    }

    @Test
    void thePasswordsAreReadableByTiplinesUserOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("pg-logins.properties"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database.directory())))
                .isEqualTo("rwx------");
        assertThat(dataDir.resolve(".pg-initdb-password")).doesNotExist();
    }

    @Test
    void tiplinesLoginsCannotRunProgramsOrReadFilesOnTheServer() throws SQLException {
        for (Login login : Login.values()) {
            try (Connection connection = database.connect(login)) {
                for (String sql : List.of("copy (select 1) to program 'id'",
                        "select pg_read_file('postgresql.conf')",
                        "create temporary table t (x text); copy t from program 'cat pg_hba.conf'")) {
                    assertThatThrownBy(() -> connection.createStatement().execute(sql)).as(login + ": " + sql)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
            }
        }
    }

    @Test
    void aServingProcessConnectsAsItsRolesLoginAndMigratesAsTheOwner() {
        assertThat(database.datasourceSettings(ServiceRole.INTAKE))
                .containsEntry("quarkus.datasource.username", "tipline_intake")
                .containsEntry("quarkus.flyway.username", "tipline_owner");
        assertThat(database.datasourceSettings(ServiceRole.REVIEW)).containsEntry("quarkus.datasource.username", "tipline_review");
        assertThat(database.datasourceSettings(ServiceRole.ALL_IN_ONE)).containsEntry("quarkus.datasource.username", "tipline_app");
    }

    @Test
    void aClusterMadeBeforeTheLockIsRefusedNotOpened(@TempDir Path old) throws IOException {
        Path pg = old.resolve("pg");
        Files.createDirectories(pg);
        Files.writeString(pg.resolve("postgresql.conf"), "# an older tipline's cluster\n");
        assertThatThrownBy(() -> EmbeddedDatabase.startUnder(old))
                .isInstanceOf(EmbeddedDatabase.StartFailure.class)
                .hasMessageContaining("made by an older tipline");
    }
}
