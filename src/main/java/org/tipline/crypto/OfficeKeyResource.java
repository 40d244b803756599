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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(summary = "The office public keyset (Tink JSON) and its key ids",
            description = "A front end that seals tips in the browser encrypts to the primary key of this keyset. "
                    + "It holds public keys only.")
    @APIResponse(responseCode = "200", description = "The public keyset", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfficeKeyView.class),
            examples = @ExampleObject(name = "x25519", value = "{\"primaryKeyId\":1680038642,\"keyIds\":[1680038642],"
                    + "\"keyset\":{\"primaryKeyId\":1680038642,\"key\":[{\"keyData\":{\"typeUrl\":"
                    + "\"type.googleapis.com/google.crypto.tink.HpkePublicKey\",\"value\":\"EgYIARABGAIaIDyS0mQ\","
                    + "\"keyMaterialType\":\"ASYMMETRIC_PUBLIC\"},\"status\":\"ENABLED\",\"keyId\":1680038642,"
                    + "\"outputPrefixType\":\"TINK\"}]}}")))
    public OfficeKeyView officeKey() {
        return view;
    }

    /** The public keyset as Tink JSON, with the ids of its keys (unsigned 32-bit) for quick comparison. */
    public record OfficeKeyView(
            @Schema(required = true, description = "Id of the key new tips are encrypted to") long primaryKeyId,
            @Schema(required = true, description = "Ids of all keys in the keyset") List<Long> keyIds,
            @Schema(required = true, implementation = TinkKeyset.class,
                    description = "The public keyset in Tink JSON format") JsonNode keyset) {
    }

    /** The shape of a public keyset in Tink's JSON format, for the API document. */
    @Schema(name = "TinkPublicKeyset", description = "A Tink keyset in JSON, public keys only")
    record TinkKeyset(
            @Schema(required = true) long primaryKeyId,
            @Schema(required = true) List<TinkKey> key) {
    }

    @Schema(name = "TinkPublicKey")
    record TinkKey(
            @Schema(required = true) TinkKeyData keyData,
            @Schema(required = true, enumeration = {"ENABLED", "DISABLED", "DESTROYED"}) String status,
            @Schema(required = true) long keyId,
            @Schema(required = true, enumeration = {"TINK", "RAW", "LEGACY", "CRUNCHY"}) String outputPrefixType) {
    }

    @Schema(name = "TinkPublicKeyData")
    record TinkKeyData(
            @Schema(required = true, examples = "type.googleapis.com/google.crypto.tink.HpkePublicKey") String typeUrl,
            @Schema(required = true, description = "The serialized public key, base64") String value,
            @Schema(required = true, enumeration = {"ASYMMETRIC_PUBLIC"}) String keyMaterialType) {
    }
}
