package org.tipline.office.channel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Channels over plain JDBC, for the command line (the service uses {@link ChannelRepository}). */
public final class ChannelJdbc {

    private static final String COLUMNS =
            "id, name, program, key_hash, origins, tips_per_hour, proof_of_work, created_at, revoked_at";

    private ChannelJdbc() {
    }

    public static void insert(Connection connection, Channel channel) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into channel (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, channel.id);
            insert.setString(2, channel.name);
            insert.setString(3, channel.program);
            insert.setBytes(4, channel.keyHash);
            insert.setArray(5, connection.createArrayOf("text", channel.origins));
            insert.setObject(6, channel.tipsPerHour);
            insert.setBoolean(7, channel.proofOfWork);
            insert.setTimestamp(8, Timestamp.from(channel.createdAt));
            insert.setTimestamp(9, channel.revokedAt == null ? null : Timestamp.from(channel.revokedAt));
            insert.executeUpdate();
        }
    }

    /** The channel with this name, locked for a change in the caller's transaction, or null. */
    public static Channel findForUpdate(Connection connection, String name) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("select " + COLUMNS
                + " from channel where name = ? for update")) {
            find.setString(1, name);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? read(rows) : null;
            }
        }
    }

    public static List<Channel> all(Connection connection) throws SQLException {
        List<Channel> channels = new ArrayList<>();
        try (PreparedStatement all = connection.prepareStatement("select " + COLUMNS + " from channel order by name");
                ResultSet rows = all.executeQuery()) {
            while (rows.next()) {
                channels.add(read(rows));
            }
        }
        return channels;
    }

    /** Writes the key hash, settings and revocation of an existing channel. */
    public static void update(Connection connection, Channel channel) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update channel set key_hash = ?, origins = ?, "
                + "tips_per_hour = ?, proof_of_work = ?, revoked_at = ? where id = ?")) {
            update.setBytes(1, channel.keyHash);
            update.setArray(2, connection.createArrayOf("text", channel.origins));
            update.setObject(3, channel.tipsPerHour);
            update.setBoolean(4, channel.proofOfWork);
            update.setTimestamp(5, channel.revokedAt == null ? null : Timestamp.from(channel.revokedAt));
            update.setObject(6, channel.id);
            update.executeUpdate();
        }
    }

    private static Channel read(ResultSet rows) throws SQLException {
        Channel channel = new Channel();
        channel.id = rows.getObject("id", UUID.class);
        channel.name = rows.getString("name");
        channel.program = rows.getString("program");
        channel.keyHash = rows.getBytes("key_hash");
        Array origins = rows.getArray("origins");
        channel.origins = origins == null ? new String[0] : (String[]) origins.getArray();
        int quota = rows.getInt("tips_per_hour");
        channel.tipsPerHour = rows.wasNull() ? null : quota;
        channel.proofOfWork = rows.getBoolean("proof_of_work");
        channel.createdAt = rows.getTimestamp("created_at").toInstant();
        Timestamp revoked = rows.getTimestamp("revoked_at");
        channel.revokedAt = revoked == null ? null : revoked.toInstant();
        return channel;
    }
}
