package org.tipline.office.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Accounts over plain JDBC, for the command line (the service uses {@link ReviewerRepository}). */
public final class ReviewerJdbc {

    private ReviewerJdbc() {
    }

    /** True when an account with this username exists, disabled or not. */
    public static boolean usernameTaken(Connection connection, String username) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from reviewer where username = ?")) {
            exists.setString(1, username);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next();
            }
        }
    }

    public static void insert(Connection connection, Reviewer reviewer) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into reviewer (id, username, "
                + "password_hash, roles, programs, unit, totp_sealed, totp_key_id, totp_last_step, disabled, "
                + "created_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, reviewer.id);
            insert.setString(2, reviewer.username);
            insert.setString(3, reviewer.passwordHash);
            String[] roles = new ReviewerRolesConverter().convertToDatabaseColumn(reviewer.roles);
            insert.setArray(4, connection.createArrayOf("text", roles));
            insert.setArray(5, connection.createArrayOf("text", reviewer.programs));
            insert.setString(6, reviewer.unit);
            insert.setBytes(7, reviewer.totpSealed);
            insert.setLong(8, reviewer.totpKeyId);
            insert.setLong(9, reviewer.totpLastStep);
            insert.setBoolean(10, reviewer.disabled);
            insert.setObject(11, reviewer.createdOn);
            insert.executeUpdate();
        }
    }
}
