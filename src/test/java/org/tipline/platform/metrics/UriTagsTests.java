package org.tipline.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

class UriTagsTests {

    @Path("/api/v1/things/")
    static class ThingResource {
        @GET
        @Operation(hidden = true)
        public String list() {
            return "";
        }

        @GET
        @Operation(hidden = true)
        @Path("{id}")
        public String one() {
            return "";
        }

        @POST
        @Operation(hidden = true)
        @Path("/{id}/notes/")
        public String note() {
            return "";
        }
    }

    static class NotAResource {
    }

    private final UriTags filter = new UriTags(List.of(ThingResource.class, NotAResource.class), "/api/openapi");

    @Test
    void templatesAreWrittenAsQuarkusWritesThemInTheTag() {
        assertThat(UriTags.templates(ThingResource.class))
                .containsExactlyInAnyOrder("/api/v1/things", "/api/v1/things/{id}", "/api/v1/things/{id}/notes");
        assertThat(UriTags.templates(NotAResource.class)).isEmpty();
    }

    @Test
    void templatesFixedWordsAndTheOpenApiDocumentKeepTheirTag() {
        for (String uri : List.of("/api/v1/things/{id}", "/api/v1/things", "UNKNOWN", "NOT_FOUND", "root",
                "/api/openapi", "/api/openapi.json")) {
            Meter.Id id = requests(uri, "200");
            assertThat(filter.map(id)).as(uri).isSameAs(id);
        }
    }

    @Test
    void anyOtherPathIsCountedUnderAFixedWord() {
        assertThat(uriOf(filter.map(requests("/api/v1/things;zqx", "200")))).isEqualTo("UNKNOWN");
        assertThat(uriOf(filter.map(requests("/api/v1/things/zqx", "405")))).isEqualTo("UNKNOWN");
        assertThat(uriOf(filter.map(requests("/zqx", "404")))).isEqualTo("NOT_FOUND");
        assertThat(uriOf(filter.map(requests("/zqx", "302")))).isEqualTo("REDIRECTION");
        assertThat(uriOf(filter.map(requests("/zqx", "RESET")))).isEqualTo("UNKNOWN");
        Meter.Id mapped = filter.map(requests("/zqx", "200"));
        assertThat(mapped.getTags()).as("the other tags stay").hasSize(4);
        assertThat(mapped.getTag("method")).isEqualTo("OPTIONS");
    }

    @Test
    void metersOutsideTheHttpServerAreLeftAlone() {
        Meter.Id client = new Meter.Id("http.client.requests", Tags.of("uri", "/somewhere"), null, null,
                Meter.Type.TIMER);
        assertThat(filter.map(client)).isSameAs(client);
    }

    private static Meter.Id requests(String uri, String status) {
        return new Meter.Id("http.server.requests", Tags.of("method", "OPTIONS", "outcome", "SUCCESS", "status", status,
                "uri", uri), null, null, Meter.Type.TIMER);
    }

    private static String uriOf(Meter.Id id) {
        return id.getTag("uri");
    }
}
