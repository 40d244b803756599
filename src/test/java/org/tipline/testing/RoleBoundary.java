package org.tipline.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sends every route of the other role's room, in every spelling an attacker might try, and
 * requires the answer a missing path gets: 404, the same problem document, no challenge.
 */
public final class RoleBoundary {

    private RoleBoundary() {
    }

    /** The spellings of a path: matrix parameters, encoded separators and dots, case, doubled and trailing slashes. */
    public static List<String> spellings(String path) {
        String prefix = "/api/v1/";
        if (!path.startsWith(prefix)) {
            return pageSpellings(path);
        }
        String rest = path.substring(prefix.length());
        int cut = rest.indexOf('/');
        String room = cut < 0 ? rest : rest.substring(0, cut);
        String tail = cut < 0 ? "" : rest.substring(cut);
        List<String> spellings = new ArrayList<>();
        spellings.add(path);
        spellings.add(prefix + room + ";x=1" + tail);
        spellings.add(prefix + room + ";zqx" + tail);
        spellings.add(path + ";x");
        spellings.add(prefix + room + "%3Bx" + tail);
        spellings.add("/api/v1%2F" + room + tail);
        spellings.add(prefix + room + "%2F" + tail.replaceFirst("^/", ""));
        spellings.add(prefix + "%2e/" + room + tail);
        spellings.add(prefix + "x/%2e%2e/" + room + tail);
        spellings.add(prefix + room.toUpperCase(Locale.ROOT) + tail);
        spellings.add("/API/V1/" + room + tail);
        spellings.add("/api//v1//" + room + tail.replace("/", "//"));
        spellings.add(path + "/");
        return spellings;
    }

    /** The same kinds of spellings for a path outside the API: the tipster's page at / and under /page. */
    static List<String> pageSpellings(String path) {
        List<String> spellings = new ArrayList<>();
        spellings.add(path);
        spellings.add(path + ";x");
        spellings.add(path + "%3Bx");
        spellings.add("/%2e" + path);
        spellings.add("/x/%2e%2e" + path);
        spellings.add("/x/.." + path);
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add("/" + path.replace("/", "//"));
        spellings.add(path.replace("/", "/%2F").replaceFirst("^/%2F", "/"));
        if (!path.equals("/")) {
            spellings.add(path + "/");
            spellings.add(path.replaceFirst("^/page", "/page;x=1"));
        }
        return spellings;
    }

    /** Each route in each spelling is answered exactly like a missing path. */
    public static void assertAbsent(List<Routes.Route> routes, String authorization) {
        Response missing = given().get("/api/v1/no-such-thing");
        missing.then().statusCode(404);
        assertThat(routes).isNotEmpty();
        for (Routes.Route route : routes) {
            for (String spelling : spellings(route.path())) {
                RequestSpecification request = given().urlEncodingEnabled(false).header("Authorization", authorization);
                if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
                    request = request.contentType("application/json").body("{}");
                }
                Response response = request.request(route.method(), spelling);
                String what = route.method() + " " + spelling;
                assertThat(response.statusCode()).as(what).isEqualTo(404);
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(response.asString()).as(what).isEqualTo(missing.asString());
                assertThat(response.header("WWW-Authenticate")).as(what).isNull();
            }
        }
    }
}
