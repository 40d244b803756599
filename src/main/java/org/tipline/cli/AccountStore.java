package org.tipline.cli;

import java.sql.Connection;
import java.sql.SQLException;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditJdbc;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerJdbc;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * The database side of {@code tipline reviewers}: an account and its {@code account.create}
 * audit entry, written in one transaction, as the admin API does.
 */
final class AccountStore {

    private final ReviewersCliContext.Database database;

    AccountStore(ReviewersCliContext.Database database) {
        this.database = database;
    }

    /** Stores the account; a taken username, a missing schema or any database failure is a one-line refusal. */
    void create(Reviewer reviewer, String actor) {
        try (CliDatabase opened = database.open()) {
            Connection connection = opened.connection();
            connection.setAutoCommit(false);
            try {
                if (ReviewerJdbc.usernameTaken(connection, reviewer.username)) {
                    throw new CliRefusal("the username " + reviewer.username + " is taken");
                }
                ReviewerJdbc.insert(connection, reviewer);
                AuditJdbc.append(connection, new AuditEvent(actor, AuditAction.ACCOUNT_CREATE, null, null, reviewer.auditDetail()));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CliRefusal("the account could not be stored (" + reason(e) + ")");
        } catch (EmbeddedDatabase.StartFailure e) {
            throw new CliRefusal(e.getMessage());
        }
    }

    private static String reason(SQLException e) {
        return "42P01".equals(e.getSQLState()) ? "no schema yet: start tipline once so it creates it"
                : "SQL state " + e.getSQLState();
    }
}
