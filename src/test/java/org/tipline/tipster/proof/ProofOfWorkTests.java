package org.tipline.tipster.proof;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.problem.ProblemMapper;
import org.tipline.platform.refusal.ProofRefused;
import org.tipline.platform.refusal.QuotaSpent;
import org.tipline.platform.storage.EmbeddedDatabase;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * The state intake processes share lives in PostgreSQL: a challenge issued by one process is
 * taken by another, a solution spent on one is refused by the other, and the difficulty and
 * channel quotas follow counters that all processes add to.
 *
 * <p>"Another process" is a second {@link ProofOfWork} built here with its own connection
 * pool, logged in as the intake role's own database login, its own key cache and its own tip
 * counters: everything an intake process holds in memory is separate, only the database is
 * shared.
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class ProofOfWorkTests {

    private static final String TIP = "{\"category\":\"other\",\"description\":\"shared proof\"}";

    private final TipLoad load;
    private final ProofOfWork proofs;
    private final TiplineConfig config;
    private final MeterRegistry metrics;
    private final TipRows rows;
    private io.vertx.mutiny.core.Vertx vertx;
    private io.vertx.mutiny.sqlclient.Pool otherPool;
    private ProofOfWork other;
    private TipLoad otherLoad;

    ProofOfWorkTests(TipLoad load, TiplineConfig config, MeterRegistry metrics, AgroalDataSource dataSource,
            ProofOfWork proofs) {
        this.proofs = proofs;
        this.load = load;
        this.config = config;
        this.metrics = metrics;
        this.rows = new TipRows(dataSource);
    }

    @BeforeEach
    void startAnotherProcess() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        EmbeddedDatabase embedded = TestDatabase.embedded();
        if (embedded != null) {
            options.setUser(EmbeddedDatabase.Login.INTAKE.roleName())
                    .setPassword(embedded.password(EmbeddedDatabase.Login.INTAKE));
        } else {
            options.setUser(ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class))
                    .setPassword(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                            .orElse(""));
        }
        vertx = io.vertx.mutiny.core.Vertx.vertx();
        otherPool = io.vertx.mutiny.pgclient.PgPool.pool(vertx, options, new PoolOptions().setMaxSize(2));
        ProofRepository repository = new ProofRepository(otherPool);
        otherLoad = new TipLoad(repository, config, new SimpleMeterRegistry());
        other = new ProofOfWork(repository, otherLoad, config, Clock.systemUTC());
    }

    @AfterEach
    void stopIt() {
        resetTipCounter();
        otherPool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void aChallengeFromOneProcessIsTakenByAnotherAndOnlyOnce() throws Exception {
        // Issued here (the HTTP app), spent there.
        String fromThisProcess = Proofs.fresh();
        other.spend(fromThisProcess).await().atMost(Duration.ofSeconds(10));
        given().contentType("application/json").header(Proofs.HEADER, fromThisProcess).body(TIP)
                .post("/api/v1/tips").then().statusCode(400).body("type", equalTo("/problems/proof-replayed"));

        // Refused here only by the statement that would store the tip: this process did the
        // tip's work once and wrote nothing, and refuses the same proof again from memory.
        String spentThere = Proofs.fresh();
        other.spend(spentThere).await().atMost(Duration.ofSeconds(10));
        long tips = rows.count();
        double work = metrics.get("tipline.kdf.tasks").counter().count();
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").header(Proofs.HEADER, spentThere).body(TIP)
                    .post("/api/v1/tips").then().statusCode(400).body("type", equalTo("/problems/proof-replayed"));
        }
        assertThat(rows.count()).as("no tip written").isEqualTo(tips);
        assertThat(metrics.get("tipline.kdf.tasks").counter().count() - work)
                .as("one Argon2id for the first try, none for the replays after it").isEqualTo(1.0);

        // A proof that stored a tip through another process (here, this process once it has
        // forgotten it, as that process never knew it) stores no second tip: the tip's id is the
        // proof's. Nor does a sign-in take it, through any process.
        String once = Proofs.fresh();
        given().contentType("application/json").header(Proofs.HEADER, once).body(TIP)
                .post("/api/v1/tips").then().statusCode(201);
        proofs.forgetClaims();
        long before = rows.count();
        given().contentType("application/json").header(Proofs.HEADER, once).body(TIP)
                .post("/api/v1/tips").then().statusCode(400).body("type", equalTo("/problems/proof-replayed"));
        assertThat(rows.count()).as("no second tip").isEqualTo(before);
        assertThatThrownBy(() -> other.spend(once).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProofRefused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ProofRefused.Reason.REPLAYED));

        // Issued there, spent here, then refused there.
        ChallengeView challenge = other.challenge().await().atMost(Duration.ofSeconds(10));
        String fromTheOther = Proofs.solve(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(challenge));
        given().contentType("application/json").header(Proofs.HEADER, fromTheOther).body(TIP)
                .post("/api/v1/tips").then().statusCode(201);
        assertThatThrownBy(() -> other.spend(fromTheOther).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProofRefused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ProofRefused.Reason.REPLAYED));
    }

    @Test
    void bothProcessesSignWithTheSameKey() throws Exception {
        ChallengeView mine = given().get("/api/v1/challenge").then().statusCode(200).extract().as(ChallengeView.class);
        ChallengeView theirs = other.challenge().await().atMost(Duration.ofSeconds(10));
        assertThat(rows.queryLong("select count(*) from proof_key")).isEqualTo(1);
        assertThat(org.altcha.altcha.Altcha.extractParams(theirs.salt()).get("g"))
                .isEqualTo(org.altcha.altcha.Altcha.extractParams(mine.salt()).get("g"));
    }

    @Test
    void theDifficultyRisesWithTheSharedRateOfAcceptedTips() {
        load.flush().await().atMost(Duration.ofSeconds(10));
        assertThat(load.difficulty()).isEqualTo(ProofOfWorkProfile.BASE_DIFFICULTY);
        String easy = Proofs.fresh();

        // Other processes have accepted ten times the step rate in the current minute.
        setTipCounter(10 * ProofOfWorkProfile.STEP_RATE);
        load.flush().await().atMost(Duration.ofSeconds(10));
        otherLoad.flush().await().atMost(Duration.ofSeconds(10));
        long raised = ProofOfWorkProfile.BASE_DIFFICULTY << 4; // 10x the step rate: 1 + floor(log2 10) = 4 doublings
        assertThat(load.difficulty()).isEqualTo(raised);
        assertThat(otherLoad.difficulty()).as("every process reads the same rate").isEqualTo(raised);
        assertThat(metrics.get("tipline.proof-of-work.difficulty").gauge().value()).isEqualTo((double) raised);
        given().get("/api/v1/challenge").then().statusCode(200).body("maxnumber", equalTo((int) raised));
        given().contentType("application/json").header(Proofs.HEADER, easy).body(TIP)
                .post("/api/v1/tips").then().statusCode(400).body("type", equalTo("/problems/proof-too-easy"));

        resetTipCounter();
        assertThat(load.difficulty()).isEqualTo(ProofOfWorkProfile.BASE_DIFFICULTY);
    }

    @Test
    void acceptedTipsAreAddedToTheSharedCounter() {
        load.flush().await().atMost(Duration.ofSeconds(10));
        long before = rows.queryLong("select current_count + previous_count from proof_load where counter = 'tips'");
        otherLoad.accepted(null);
        otherLoad.accepted(null);
        otherLoad.flush().await().atMost(Duration.ofSeconds(10));
        assertThat(rows.queryLong("select current_count + previous_count from proof_load where counter = 'tips'"))
                .isEqualTo(before + 2);
        assertThat(rows.queryLong("select count(*) from proof_load where counter = 'tips'"))
                .as("one row per counter, overwritten: no history").isEqualTo(1);
    }

    @Test
    void aChannelQuotaIsSharedByAllProcesses() {
        String channel = "quota-" + UUID.randomUUID();
        assertThat(load.withinQuota(channel, null)).as("no quota").isTrue();
        assertThat(load.withinQuota(channel, 3)).isTrue();
        assertThat(otherLoad.withinQuota(channel, 3)).isTrue();
        otherLoad.accepted(channel);
        otherLoad.accepted(channel);
        load.accepted(channel);
        assertThat(load.withinQuota(channel, 3)).as("this process alone has seen one").isTrue();
        otherLoad.flush().await().atMost(Duration.ofSeconds(10));
        load.flush().await().atMost(Duration.ofSeconds(10));
        assertThat(load.withinQuota(channel, 3)).isFalse();
        assertThat(load.withinQuota(channel, 4)).isTrue();
        otherLoad.flush().await().atMost(Duration.ofSeconds(10));
        assertThat(otherLoad.withinQuota(channel, 3)).isFalse();
        assertThatThrownBy(() -> load.requireQuota(channel, 3)).isInstanceOfSatisfying(QuotaSpent.class,
                spent -> assertThat(spent.waitSeconds()).isBetween(1L, 3601L));

        Response answer = new ProblemMapper().refusal(new QuotaSpent(Duration.ofSeconds(90), "spent"));
        assertThat(answer.getStatus()).isEqualTo(429);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("90");
        assertThat(answer.getMediaType().toString()).startsWith("application/problem+json");
    }

    @Test
    void theDifficultyDoublesEachTimeTheRateDoubles() {
        assertThat(TipLoad.difficultyFor(0, 100_000, 60, 10_000_000)).isEqualTo(100_000);
        assertThat(TipLoad.difficultyFor(59.9, 100_000, 60, 10_000_000)).isEqualTo(100_000);
        assertThat(TipLoad.difficultyFor(60, 100_000, 60, 10_000_000)).isEqualTo(200_000);
        assertThat(TipLoad.difficultyFor(119, 100_000, 60, 10_000_000)).isEqualTo(200_000);
        assertThat(TipLoad.difficultyFor(120, 100_000, 60, 10_000_000)).isEqualTo(400_000);
        assertThat(TipLoad.difficultyFor(480, 100_000, 60, 10_000_000)).isEqualTo(1_600_000);
        assertThat(TipLoad.difficultyFor(1e12, 100_000, 60, 10_000_000)).isEqualTo(10_000_000);
    }

    private void setTipCounter(long count) {
        rows.update("update proof_load set current_count = ?, previous_count = 0, "
                + "window_start = to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds) "
                + "where counter = 'tips'", count);
    }

    private void resetTipCounter() {
        rows.update("update proof_load set current_count = 0, previous_count = 0 where counter = 'tips'");
        load.flush().await().atMost(Duration.ofSeconds(10));
    }
}
