package org.tipline.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.testing.AppLog;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;

/**
 * A property-based fuzz of every public and review endpoint, driven by the application's
 * own OpenAPI document. See {@link CaseGenerator} for what is sent and {@link AnswerCheck}
 * for what must come back; {@link FuzzRunner} also checks that refused requests wrote no row.
 *
 * <p>10,000 cases by default, from a fixed seed. More, or another seed:
 * {@code ./mvnw -o test -Dtest=ApiFuzzTests -Dfuzz.cases=100000 -Dfuzz.seed=42}; add
 * {@code -Dfuzz.verbose=true} for the answers to each kind of mutation (bench/README.md).
 *
 * <p>Requests that Netty's HTTP codec or Quarkus's URI check refuse before any route runs
 * (request line over 2,048 bytes, headers over 8 KiB, a malformed request line, header or
 * Content-Length, a target that is not a URI) cannot get a problem document: Quarkus 3.33
 * creates the Vert.x server itself and sets no {@code invalidRequestHandler}, nor lets the
 * application set one. For those cases only, the fuzz expects the exact documented status
 * with an empty body ({@link FuzzCase.CodecRefusal}); see docs/api.md.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ApiFuzzTests {

    static final long DEFAULT_SEED = 20_261_125L;
    static final int DEFAULT_CASES = 10_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OfficePublicKey officeKey;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAnswersHostileInputWithAProblemAndWritesNothing() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        System.out.printf("fuzz: seed %d, %d cases; to repeat: -Dfuzz.seed=%d -Dfuzz.cases=%d%n", seed, cases, seed, cases);

        String openApi = given().accept("application/json").get("/api/openapi").then().statusCode(200).extract().asString();
        ApiCatalog catalog = ApiCatalog.parse(openApi, "/api/");
        assertThat(catalog.operations()).extracting(ApiCatalog.Operation::name)
                .as("the all-in-one test app documents both sides")
                .contains("POST /api/v1/tips", "POST /api/v1/followup/messages", "GET /api/v1/review/tips/{reference}",
                        "PATCH /api/v1/review/accounts/{username}", "GET /api/v1/review/audit/verify");

        LiveIdentity identity = new LiveIdentity(new OfficeAccounts(dataSource, officeKey));
        long logStart = AppLog.end();
        long start = System.nanoTime();
        FuzzRunner.Report report;
        try (RawHttp http = new RawHttp(base); RowCounts.Counter rows = new RowCounts.Counter(dataSource)) {
            CaseGenerator generator = new CaseGenerator(catalog, identity, http.authority(), seed);
            report = new FuzzRunner(http, generator, identity, rows).run(cases);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("fuzz: %d cases in %d s (counting rows: %d ms); statuses %s%n", report.cases(), seconds,
                report.rowCountMillis(), report.statuses());
        if (Boolean.getBoolean("fuzz.verbose")) {
            System.out.println("fuzz: ms by operation " + report.millisByOperation());
            report.outcomesByMutation().forEach((mutation, outcomes) -> System.out.println("  " + mutation + " -> " + outcomes));
        }

        assertThat(report.failures()).as("fuzz failures (seed %d)", seed).isEmpty();
        assertThat(report.cases()).isEqualTo(cases);
        List<String> logged = AppLog.linesSince(logStart);
        assertThat(AppLog.badLines(logged)).as("log lines forged, split or garbled by the fuzz").isEmpty();
        assertThat(logged).as("log lines repeating fuzz input").noneMatch(line -> line.contains(Hostile.MARKER));
        assertThat(logged).as("errors logged: bad input is the client's fault, not an internal error")
                .noneMatch(line -> AppLog.LINE.matcher(line).matches() && line.substring(9).startsWith("ERROR"));
    }
}
