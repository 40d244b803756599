package org.tipline.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.InactiveBeanException;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.testing.TestDatabase;

/** An intake process serves tipsters only: the review API is absent and the private key cannot be held. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(IntakeRoleTests.IntakeRole.class)
class IntakeRoleTests {

    public static class IntakeRole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path keys = Path.of("target", "role-keys", "intake").toAbsolutePath();
            try {
                Map<String, String> config = new java.util.HashMap<>(TestDatabase.loginOf("intake"));
                config.putAll(Map.of("tipline.role", "intake",
                        "tipline.office-public-keyset", DemoKeys.ensure(keys).toString()));
                return config;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Instance<OfficePrivateKey> privateKey;
    private final InjectableInstance<Mutiny.SessionFactory> sessionFactory;

    IntakeRoleTests(Instance<OfficePrivateKey> privateKey, InjectableInstance<Mutiny.SessionFactory> sessionFactory) {
        this.privateKey = privateKey;
        this.sessionFactory = sessionFactory;
    }

    @Test
    void noHibernateSessionFactoryIsBuilt() {
        assertThat(sessionFactory.getHandle().getBean().checkActive().value())
                .as("the intake role's persistence unit is inactive").isFalse();
        assertThatThrownBy(() -> sessionFactory.get().getMetamodel()).isInstanceOf(InactiveBeanException.class);
    }

    @Test
    void theReviewApiIsAbsent() {
        Response missing = given().get("/api/v1/no-such-thing");
        missing.then().statusCode(404).contentType("application/problem+json");
        for (String path : new String[] {"/api/v1/review/tips", "/api/v1/review/tips/TIP-0000-0000-0000-0000",
                "/api/v1/review/audit", "/api/v1/review/accounts", "/api/v1/review", "/api/v1/review/../review/tips",
                "/api/v1//review/tips", "/api/v1/review/./tips"}) {
            Response response = given().urlEncodingEnabled(false).get(path);
            response.then().statusCode(404).contentType("application/problem+json");
            assertThat(response.asString()).as(path).isEqualTo(missing.asString());
        }
        given().contentType("application/json").body(Map.of("username", "a", "password", "b", "totp", "1"))
                .post("/api/v1/review/session").then().statusCode(404);
    }

    @Test
    void swaggerUiIsServedOnlyByTheAllInOneRole() {
        for (String path : new String[] {"/api/docs", "/api/docs/", "/api/docs/index.html", "/api/docs/swagger-ui-bundle.js",
                "/api/DOCS/", "/api//docs/"}) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theOpenApiDocumentShowsOnlyTheIntakeApi() {
        given().accept("application/json").get("/api/openapi").then().statusCode(200)
                .body("paths.'/api/v1/tips'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/review/tips'", org.hamcrest.Matchers.nullValue())
                .body("paths.'/api/v1/review/session'", org.hamcrest.Matchers.nullValue())
                .body("paths.'/api/v1/followup'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/followup/messages'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/review/tips/{reference}/messages'", org.hamcrest.Matchers.nullValue())
                .body("paths.'/api/v1/review/tips/{reference}/reward'", org.hamcrest.Matchers.nullValue())
                .body("components.securitySchemes.tipsterPassphrase.scheme", org.hamcrest.Matchers.equalTo("Tipster"));
    }

    @Test
    void theTipsterMailboxIsServedWithoutThePrivateKey() {
        org.tipline.testing.Tipsters.Tipster tipster = org.tipline.testing.Tipsters.submit("intake role follow-up");
        tipster.mailbox().then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("received"));
        tipster.reply("more details from the tipster").then().statusCode(201);
        tipster.mailbox().then().statusCode(200).body("messages[0].text",
                org.hamcrest.Matchers.equalTo("more details from the tipster"));
        given().contentType("application/json").body(Map.of("text", "a question"))
                .post("/api/v1/review/tips/" + tipster.reference() + "/messages").then().statusCode(404);
    }

    @Test
    void tipsAreStillTaken() {
        given().contentType("application/json").body(Map.of("category", "other", "description", "intake role"))
                .post("/api/v1/tips").then().statusCode(201);
        given().get("/api/v1/office-key").then().statusCode(200);
    }

    @Test
    void theIntakeRoleCannotHoldThePrivateKey() {
        assertThatThrownBy(() -> privateKey.get().open(new byte[0], new byte[0]))
                .hasMessageContaining("the intake role never holds the office private key");
    }
}
