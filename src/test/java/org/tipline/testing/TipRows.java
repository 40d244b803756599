package org.tipline.testing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Reads what is really in the tip table, over JDBC, for assertions. */
public final class TipRows {

    private final AgroalDataSource dataSource;

    public TipRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count() {
        return queryLong("select count(*) from tip");
    }

    public TipRow byReference(String reference) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select id, reference, category, status, received_at, key_id, format_version, ciphertext "
                                + "from tip where reference = ?")) {
            s.setString(1, reference);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new TipRow((UUID) r.getObject(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getObject(5, java.time.OffsetDateTime.class).toInstant(), r.getLong(6), r.getInt(7),
                        r.getBytes(8));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setCiphertext(UUID id, byte[] ciphertext) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update tip set ciphertext = ? where id = ?")) {
            s.setBytes(1, ciphertext);
            s.setObject(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String show(String setting) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long countWhere(String table, String condition) {
        return queryLong("select count(*) from " + table + " where " + condition);
    }

    public long auditCount() {
        return queryLong("select count(*) from audit_entry");
    }

    public long queryLong(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of any query, as column name to value (bytea as byte[]). */
    public java.util.List<java.util.Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
                while (r.next()) {
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int column = 1; column <= r.getMetaData().getColumnCount(); column++) {
                        row.put(r.getMetaData().getColumnLabel(column), r.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an update with parameters; returns the row count. */
    public int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record TipRow(UUID id, String reference, String category, String status, java.time.Instant receivedAt,
            long keyId, int formatVersion, byte[] ciphertext) {
    }
}
