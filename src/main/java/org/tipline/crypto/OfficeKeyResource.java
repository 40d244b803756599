package org.tipline.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Publishes the office public keyset, so a front end can check (or use) what tips are encrypted to. */
@Path("/api/v1/office-key")
@Tag(name = "office key")
public class OfficeKeyResource {

    private final OfficeKeyView view;

    public OfficeKeyResource(OfficePublicKey officeKey, ObjectMapper json) throws JsonProcessingException {
        this.view = new OfficeKeyView(officeKey.primaryKeyId(), officeKey.keyIds(),
                json.readTree(officeKey.keysetJson()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The office public keyset (Tink JSON) and its key ids")
    public OfficeKeyView officeKey() {
        return view;
    }

    /** The public keyset as Tink JSON, with the ids of its keys (unsigned 32-bit) for quick comparison. */
    public record OfficeKeyView(
            @Schema(description = "Id of the key new tips are encrypted to") long primaryKeyId,
            @Schema(description = "Ids of all keys in the keyset") List<Long> keyIds,
            @Schema(type = SchemaType.OBJECT, description = "The public keyset in Tink JSON format") JsonNode keyset) {
    }
}
