package org.tipline.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Any;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.tipline.office.OfficeRoom;
import org.tipline.office.review.TipReviewService;
import org.tipline.office.signin.LoginService;
import org.tipline.platform.config.Room;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The intake build (the {@code intake} Maven profile's build settings, applied here to the test
 * build): no office bean, no Hibernate session factory, and tips still taken and stored.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(IntakeBuildTests.IntakeBuild.class)
class IntakeBuildTests {

    /** The intake role, built as {@code ./mvnw package -Pintake} builds it (pom.xml). */
    public static class IntakeBuild implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new IntakeRoleTests.IntakeRole().getConfigOverrides());
            config.put("quarkus.arc.exclude-types", "org.tipline.office.**");
            config.put("quarkus.hibernate-orm.enabled", "false");
            config.put("quarkus.oidc.enabled", "false");
            return config;
        }
    }

    @Test
    void thisTestBuildsAsThePomsIntakeProfile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Map<String, String> profile = new HashMap<>();
        NodeList ids = pom.getElementsByTagName("id");
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().equals("intake")) {
                NodeList properties = ((Element) ids.item(i).getParentNode()).getElementsByTagName("properties").item(0)
                        .getChildNodes();
                for (int j = 0; j < properties.getLength(); j++) {
                    if (properties.item(j) instanceof Element) {
                        profile.put(properties.item(j).getNodeName(), properties.item(j).getTextContent());
                    }
                }
            }
        }
        Map<String, String> build = new HashMap<>(profile);
        build.keySet().removeIf(name -> name.startsWith("quarkus.package."));
        Map<String, String> test = new HashMap<>(new IntakeBuild().getConfigOverrides());
        test.keySet().retainAll(build.keySet());
        assertThat(build).as("the intake profile's build settings, besides its packaging").hasSize(3).isEqualTo(test);
        assertThat(profile).containsEntry("quarkus.package.output-directory", "intake-jar");
    }

    @Test
    void theBuildHoldsTheTipsterSideOnly() {
        List<Room> rooms = Arc.container().select(Room.Here.class, Any.Literal.INSTANCE).stream().map(Room.Here::room)
                .collect(Collectors.toList());
        assertThat(rooms).containsExactly(Room.TIPSTER);
        for (Class<?> office : new Class<?>[] {OfficeRoom.class, TipReviewService.class, LoginService.class}) {
            assertThat(Arc.container().select(office, Any.Literal.INSTANCE).isResolvable()).as(office.getSimpleName())
                    .isFalse();
        }
    }

    @Test
    void noPersistenceUnitIsBuilt() {
        assertThat(Arc.container().select(Mutiny.SessionFactory.class, Any.Literal.INSTANCE).isResolvable()).isFalse();
    }

    @Test
    void tipsAreTakenAndStored() throws Exception {
        Tipsters.Tipster tipster = Tipsters.submit("intake build");
        tipster.mailbox().then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("received"));
        try (Connection db = TestDatabase.embedded().connectAsSuperuser();
                PreparedStatement query = db.prepareStatement("select count(*) from tip where reference = ?")) {
            query.setString(1, tipster.reference());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void theReviewApiIsAbsent() {
        given().get("/api/v1/review/tips").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("username", "a", "password", "b", "totp", "1"))
                .post("/api/v1/review/session").then().statusCode(404);
    }
}
