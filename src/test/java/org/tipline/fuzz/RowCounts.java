package org.tipline.fuzz;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The number of rows in each table a request could write to. */
record RowCounts(List<Long> counts) {

    static final List<String> TABLES = List.of("tip", "tip_dialogue", "tip_message", "tip_reward", "tip_note", "followup_session",
            "reviewer", "audit_entry");

    /** Counts all the tables in one query, over one connection kept for the whole run. */
    static final class Counter implements AutoCloseable {

        private static final String QUERY = "select " + String.join(", ",
                TABLES.stream().map(table -> "(select count(*) from " + table + ")").toList());

        private final Connection connection;
        private final PreparedStatement statement;

        Counter(AgroalDataSource dataSource) {
            try {
                connection = dataSource.getConnection();
                statement = connection.prepareStatement(QUERY);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        RowCounts count() {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                List<Long> counts = new ArrayList<>();
                for (int i = 1; i <= TABLES.size(); i++) {
                    counts.add(result.getLong(i));
                }
                return new RowCounts(counts);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            statement.close();
            connection.close();
        }
    }

    /** These counts with one more audit entry. */
    RowCounts plusAuditEntry() {
        List<Long> next = new ArrayList<>(counts);
        int audit = TABLES.indexOf("audit_entry");
        next.set(audit, next.get(audit) + 1);
        return new RowCounts(next);
    }

    /** The tables whose count differs, with before and after, or an empty string. */
    String changesSince(RowCounts before) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < TABLES.size(); i++) {
            if (!counts.get(i).equals(before.counts.get(i))) {
                changes.add(TABLES.get(i) + " " + before.counts.get(i) + " -> " + counts.get(i));
            }
        }
        return String.join(", ", changes);
    }
}
