package org.tipline.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.platform.storage.EmbeddedDatabase.Login;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * The serving roles' database logins hold only the rights the migrations grant them. Each
 * test connects as a login and tries what its process never needs; PostgreSQL must refuse it
 * with "permission denied" (or "must be owner"), and nothing is written.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class DatabaseRoleTests {

    @BeforeEach
    void embeddedOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabase.embedded() != null,
                "the logins' passwords are known for the embedded database");
    }

    @Test
    void intakesLoginCannotWriteAnOfficeSessionAnAccountOrTheAuditLog() throws Exception {
        Tipsters.submit("a tip so that the tables are not empty");
        List<String> refused = refusedAs(Login.INTAKE,
                "insert into review_session (token_hash, reviewer_id, expires_at, absolute_expires_at) "
                        + "select sha256('tlr_chosen'::bytea), id, now() + interval '1 hour', now() + interval '1 hour' from reviewer limit 1",
                "select count(*) from review_session",
                "select count(*) from reviewer",
                "insert into reviewer (id, username) values ('" + UUID.randomUUID() + "', 'mallory')",
                "select count(*) from audit_entry",
                "insert into audit_entry (seq, at, actor, action, prev_hash, hash) values (999999, now(), 'm', 'x', ''::bytea, ''::bytea)",
                "select count(*) from tip_note",
                "select ciphertext from tip limit 1",
                "update tip set status = 'closed'",
                "delete from tip",
                "update tip_dialogue set tipster_verifier = 'forged'::bytea",
                "select office_dialogue_key from tip_dialogue limit 1",
                "update tip_message set ciphertext = ''::bytea",
                "delete from tip_message",
                "update tip_reward set status = 'paid'",
                "select payout_code_hash from tip_reward limit 1",
                "select count(*) from login_failure",
                "insert into login_failure (username_hash, failures, not_before) values (sha256('ann'::bytea), 1, date_trunc('second', now()))",
                "delete from login_failure",
                "update login_window set failures = 0",
                "select count(*) from login_window",
                "delete from guessing_budget",
                "truncate guessing_failure",
                "insert into channel (id, name, program, key_hash, created_at) values ('" + UUID.randomUUID()
                        + "', 'mallory', 'default', sha256('tlc_chosen'::bytea), now())",
                "update channel set revoked_at = null",
                "update channel set key_hash = sha256('tlc_chosen'::bytea)",
                "update channel set origins = '{https://evil.example}'",
                "delete from channel",
                "select id from channel",
                "update tip set channel = 'forged'",
                "create table intruder (x int)",
                "alter table tip add column intruder int",
                "insert into flyway_schema_history (installed_rank, description, type, script, installed_by, execution_time, success) "
                        + "values (999, 'x', 'SQL', 'x', 'x', 0, true)");
        assertThat(refused).isEmpty();
    }

    @Test
    void reviewsLoginHasNoUseForTheTipstersGuessingBudget() throws Exception {
        assertThat(refusedAs(Login.REVIEW,
                "select count(*) from guessing_budget",
                "update guessing_budget set tokens = 1000",
                "insert into guessing_budget (id, tokens, refilled_at) values (1, 1000, now())",
                "select count(*) from guessing_failure",
                "delete from guessing_failure",
                "delete from login_window",
                "truncate login_failure")).isEmpty();
    }

    @Test
    void neitherServingLoginCanSwitchOffTheAuditLogsTriggersOrRewriteIt() throws Exception {
        for (Login login : List.of(Login.INTAKE, Login.REVIEW, Login.ALL_IN_ONE)) {
            assertThat(refusedAs(login,
                    "alter table audit_entry disable trigger audit_entry_no_update_or_delete",
                    "alter table audit_entry disable trigger all",
                    "set session_replication_role = replica",
                    "update audit_entry set actor = 'mallory'",
                    "delete from audit_entry",
                    "truncate audit_entry",
                    "truncate tip cascade",
                    "drop table audit_entry",
                    "create function intruder() returns int language sql as 'select 1'",
                    "copy (select 1) to program 'id'",
                    "copy tip from program 'cat /etc/hostname'"))
                    .as(login.roleName()).isEmpty();
        }
    }

    @Test
    void theServingLoginsAreNotSuperusersAndDoNotOwnTheSchema() throws Exception {
        for (Login login : List.of(Login.INTAKE, Login.REVIEW, Login.ALL_IN_ONE)) {
            try (Connection connection = TestDatabase.embedded().connect(login);
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                            + "(select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user) "
                            + "from pg_roles where rolname = current_user")) {
                assertThat(row.next()).isTrue();
                assertThat(List.of(row.getBoolean(1), row.getBoolean(2), row.getBoolean(3), row.getBoolean(4)))
                        .as(login.roleName()).containsOnly(false);
                assertThat(row.getLong(5)).as("tables owned by " + login.roleName()).isZero();
            }
        }
        try (Connection connection = TestDatabase.embedded().connectAsSuperuser();
                Statement statement = connection.createStatement();
                ResultSet owners = statement.executeQuery(
                        "select distinct tableowner from pg_tables where schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (owners.next()) {
                names.add(owners.getString(1));
            }
            assertThat(names).containsExactly("tipline_owner");
        }
    }

    @Test
    void theProofOfWorkStateIsIntakesAlone() throws Exception {
        assertThat(refusedAs(Login.REVIEW,
                "select hmac_key from proof_key",
                "insert into proof_key (generation, hmac_key) values (1, repeat('0', 64))",
                "select count(*) from proof_spent",
                "delete from proof_spent",
                "select count(*) from proof_load",
                "update proof_load set current_count = 0")).as("review").isEmpty();
        assertThat(refusedAs(Login.INTAKE,
                "update proof_key set hmac_key = repeat('0', 64)",
                "update proof_spent set expires_at = now()",
                "delete from proof_load",
                "truncate proof_spent",
                "alter table proof_spent set logged")).as("intake").isEmpty();
    }

    @Test
    void intakesLoginCanDoWhatTheTipstersSideNeeds() throws Exception {
        Tipsters.submit("a tip intake must be able to read back for its tipster");
        try (Connection connection = TestDatabase.embedded().connect(Login.INTAKE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from tip t join tip_dialogue d on d.tip_id = t.id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isPositive();
        }
        try (Connection connection = TestDatabase.embedded().connect(Login.INTAKE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select name, program, key_hash, origins, tips_per_hour, "
                        + "proof_of_work from channel where revoked_at is null")) {
            assertThat(rows.getMetaData().getColumnCount()).as("intake reads what resolving a channel key needs")
                    .isEqualTo(6);
        }
    }

    /** The statements that were NOT refused with a privilege error; each runs in its own rolled-back transaction. */
    private static List<String> refusedAs(Login login, String... statements) throws SQLException {
        List<String> allowed = new ArrayList<>();
        try (Connection connection = TestDatabase.embedded().connect(login)) {
            connection.setAutoCommit(false);
            for (String sql : statements) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                    allowed.add(sql);
                } catch (SQLException e) {
                    // 42501 insufficient_privilege; 42809 wrong object type is not expected
                    if (!"42501".equals(e.getSQLState())) {
                        allowed.add(sql + " -> " + e.getSQLState() + " " + e.getMessage());
                    }
                } finally {
                    connection.rollback();
                }
            }
        }
        return allowed;
    }
}
