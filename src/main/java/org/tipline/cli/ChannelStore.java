package org.tipline.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditJdbc;
import org.tipline.office.channel.Channel;
import org.tipline.office.channel.ChannelJdbc;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * The database side of {@code tipline channels}: each change and its audit entry written in
 * one transaction, as the admin API does.
 */
final class ChannelStore {

    private final ReviewersCliContext.Database database;
    private final String actor;

    ChannelStore(ReviewersCliContext.Database database, String actor) {
        this.database = database;
        this.actor = actor;
    }

    void create(Channel channel) {
        inTransaction(connection -> {
            if (ChannelJdbc.findForUpdate(connection, channel.name) != null) {
                throw new CliRefusal("a channel named " + channel.name + " exists (names are never reused)");
            }
            ChannelJdbc.insert(connection, channel);
            AuditJdbc.append(connection, new AuditEvent(actor, AuditAction.CHANNEL_CREATE, null, null,
                    channel.auditDetail()));
        });
    }

    /** Applies {@code change} to the active channel of this name, stores it and audits it as {@code action}. */
    Channel change(String name, AuditAction action, Consumer<Channel> change) {
        Channel[] changed = new Channel[1];
        inTransaction(connection -> {
            Channel channel = ChannelJdbc.findForUpdate(connection, name);
            if (channel == null) {
                throw new CliRefusal("there is no channel named " + name);
            }
            if (!channel.active()) {
                throw new CliRefusal("the channel " + name + " is revoked; create a new one");
            }
            change.accept(channel);
            ChannelJdbc.update(connection, channel);
            AuditJdbc.append(connection, new AuditEvent(actor, action, null, null, channel.auditDetail()));
            changed[0] = channel;
        });
        return changed[0];
    }

    List<Channel> list() {
        try (CliDatabase opened = database.open()) {
            return ChannelJdbc.all(opened.connection());
        } catch (SQLException e) {
            throw new CliRefusal("the channels could not be read (" + reason(e) + ")");
        } catch (EmbeddedDatabase.StartFailure e) {
            throw new CliRefusal(e.getMessage());
        }
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (CliDatabase opened = database.open()) {
            Connection connection = opened.connection();
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CliRefusal("the channel could not be stored (" + reason(e) + ")");
        } catch (EmbeddedDatabase.StartFailure e) {
            throw new CliRefusal(e.getMessage());
        }
    }

    private static String reason(SQLException e) {
        return "42P01".equals(e.getSQLState()) ? "no schema yet: start tipline once so it creates it"
                : "SQL state " + e.getSQLState();
    }
}
