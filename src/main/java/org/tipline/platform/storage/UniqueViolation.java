package org.tipline.platform.storage;

/**
 * Recognises the failure of an insert that lost a race to another with the same unique value
 * (PostgreSQL's SQLSTATE 23505), however the client library wrapped it. A service that checks
 * for a taken name before inserting turns this into the same 409 as the check, never a 500.
 */
public final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && SQL_STATE.equals(pg.getSqlState())
                    || cause instanceof org.hibernate.JDBCException jdbc && SQL_STATE.equals(jdbc.getSQLState())
                    || cause instanceof java.sql.SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
