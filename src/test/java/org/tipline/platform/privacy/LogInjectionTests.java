package org.tipline.platform.privacy;

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
import org.tipline.fuzz.ApiCatalog;
import org.tipline.fuzz.InjectionPoints;
import org.tipline.fuzz.LiveIdentity;
import org.tipline.fuzz.RawHttp;
import org.tipline.testing.AppLog;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;

/**
 * CR, LF, ANSI escapes, NUL and the other control characters, put into every field of every
 * documented operation (body fields, field names, path and query parameters, headers,
 * credentials), never forge, split or colour a line of the application log, and never
 * appear in it at all: tipline logs no input.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class LogInjectionTests {

    private static final String MARK = "LOGINJ7Q";
    /**
     * Forge a line after CR LF, colour the terminal, and carry most C0 and some C1 controls:
     * a long text, and one short enough (16 characters) for the shortest fields, such as a
     * TOTP code or a username, to get past their length checks.
     */
    private static final List<String> HOSTILE = List.of(
            MARK + "\r\n09:00:00 ERROR [or.ti.forged] forged line\n\u001b[31mred\u001b[0m"
                    + "\u001b]0;title\u0007\u0000\u0001\u0008\u000b\u000c\u001f\u007f\u0085\u009b31m\u2028\u2029end",
            MARK + "\r\n\u001b[1m\u0000\u0085");
    /** What a header value can carry past the HTTP codec, which refuses C0 controls. */
    private static final String HOSTILE_HEADER = MARK + " \u0085\u009b31m\u2028\u2029 \u00e9";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OfficePublicKey officeKey;

    @TestHTTPResource("/")
    URI base;

    @Test
    void controlCharactersInAnyFieldNeverReachTheLog() throws Exception {
        String openApi = given().accept("application/json").get("/api/openapi").then().statusCode(200).extract().asString();
        ApiCatalog catalog = ApiCatalog.parse(openApi, "/api/");
        LiveIdentity identity = new LiveIdentity(new OfficeAccounts(dataSource, officeKey));
        long logStart = AppLog.end();

        int sent = 0;
        try (RawHttp http = new RawHttp(base)) {
            InjectionPoints points = new InjectionPoints(catalog, identity, http.authority());
            for (String text : HOSTILE) {
                for (InjectionPoints.Probe probe : points.everywhere(text, HOSTILE_HEADER)) {
                    RawHttp.Answer answer = http.exchange(probe.request().get(), false);
                    assertThat(answer.status()).as("%s, %s", probe.operation(), probe.where()).isLessThan(500);
                    if (answer.status() < 300) {
                        identity.renewAfter(probe.operation(), answer);
                    }
                    sent++;
                }
            }
        }

        List<String> logged = AppLog.linesSince(logStart);
        assertThat(sent).as("probes sent").isGreaterThan(400);
        assertThat(logged).as("the log was captured (a refused login writes a line)").anyMatch(line -> line.contains("login refused"));
        assertThat(AppLog.badLines(logged)).as("log lines forged, split or garbled").isEmpty();
        assertThat(logged).as("log lines holding input").noneMatch(line -> line.contains(MARK));
    }
}
