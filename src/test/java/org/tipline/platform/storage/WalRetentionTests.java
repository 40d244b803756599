package org.tipline.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.testing.LeakScan;

/**
 * Every commit record in PostgreSQL's write-ahead log carries the exact commit time, whatever
 * tipline's coarse {@code received_at} says. The embedded database keeps that record only as
 * long as crash recovery needs it: once a checkpoint has moved past a WAL segment, the segment
 * is deleted, not renamed for reuse with its old records still in it.
 */
class WalRetentionTests {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws EmbeddedDatabase.StartFailure {
        database = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aCommitIsGoneFromTheWalOnceACheckpointHasMovedPastIt() throws Exception {
        String marker = "WAL-RETENTION-" + UUID.randomUUID();
        Path wal = database.directory().resolve("pg_wal");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // Nothing reads or vacuums the marked rows after they are written, so no later
            // record (a full-page image of their page) carries the marker forward.
            statement.execute("create table wal_marked (note text) with (autovacuum_enabled = off)");
            statement.execute("create table wal_filler (n int, pad text)");
            try (PreparedStatement insert = connection.prepareStatement("insert into wal_marked values (?)")) {
                for (int i = 0; i < 20; i++) {
                    insert.setString(1, marker + "-" + i);
                    insert.executeUpdate(); // autocommit: 20 commit records, each with its time
                }
            }
            assertThat(LeakScan.filesHolding(wal, List.of(LeakScan.utf8(marker))))
                    .as("the marked inserts are in the WAL at first")
                    .isNotEmpty();

            // The segment that holds them is closed, a checkpoint moves the redo point past it,
            // and the server goes on with a little other work, as a quiet tip line does.
            statement.execute("select pg_switch_wal()");
            statement.execute("checkpoint");
            for (int i = 0; i < 20; i++) {
                statement.execute("insert into wal_filler values (" + i + ", repeat('x', 200))");
            }
            statement.execute("checkpoint");

            assertThat(LeakScan.filesHolding(wal, List.of(LeakScan.utf8(marker))))
                    .as("WAL files still holding the marked commits once a checkpoint has moved past them")
                    .isEmpty();
        }
    }

    @Test
    void aQuietServerClosesItsSegmentAndCheckpointsWithinMinutes() throws Exception {
        try (Connection connection = connect()) {
            // A tip line that takes a tip now and then never fills a segment: these two timers
            // bound how long its last commits stay in the WAL once other work follows them.
            assertThat(seconds(connection, "archive_timeout")).isBetween(1, 300);
            assertThat(seconds(connection, "checkpoint_timeout")).isBetween(30, 300);
            // Nothing holds segments back beyond what crash recovery needs.
            assertThat(show(connection, "wal_keep_size")).isEqualTo("0");
            assertThat(show(connection, "archive_mode")).isEqualTo("off");
            assertThat(show(connection, "track_commit_timestamp")).isEqualTo("off");
        }
    }

    private static Connection connect() throws SQLException {
        return database.connectAsSuperuser();
    }

    private static int seconds(Connection connection, String setting) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select setting::int from pg_settings where name = ? and unit = 's'")) {
            statement.setString(1, setting);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as(setting + " is a setting in seconds").isTrue();
                return row.getInt(1);
            }
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("show " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
