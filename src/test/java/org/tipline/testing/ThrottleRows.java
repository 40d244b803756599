package org.tipline.testing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The throttles' tables (V11) seen over JDBC as the suite's datasource (the superuser with
 * the embedded database): emptied before and after a test that spends a budget, so that no
 * other test meets it, and aged by hand where a test needs time to pass.
 */
public final class ThrottleRows {

    private final AgroalDataSource dataSource;

    public ThrottleRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties every throttle table, as a crash of PostgreSQL would. */
    public void clear() {
        execute("delete from guessing_budget; delete from guessing_failure; delete from login_window; delete from login_failure");
    }

    public int execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
