package org.tipline.keys;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.KeyLoadingException;

/**
 * The office keyset file: a JSON wrapper whose public part (format, key-encryption key
 * description, key list) is readable without the passphrase, and whose
 * {@code encryptedKeyset} holds the Tink keyset encrypted under the key-encryption key.
 *
 * <pre>{@code
 * {"format":"tipline-office-keyset/1",
 *  "kek":{"kind":"argon2id","salt":"...","memoryKiB":65536,"iterations":3,"parallelism":1},
 *  "keys":[{"keyId":123,"kem":"xwing","createdOn":"2026-11-25","primary":true}],
 *  "encryptedKeyset":"<Tink encrypted keyset JSON>"}
 * }</pre>
 *
 * <p>The associated data of the keyset encryption is the canonical JSON of everything but
 * {@code encryptedKeyset} (keys sorted, no whitespace). Editing any of it, even just a
 * creation date or which key is primary, makes the file fail to unlock.
 */
final class OfficeKeysetFile {

    static final String FORMAT = Bindings.OFFICE_KEYSET_FORMAT;
    private static final Set<String> FIELDS = Set.of("format", "kek", "keys", "encryptedKeyset");
    private static final Set<String> KEY_FIELDS = Set.of("keyId", "kem", "createdOn", "primary");
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A parsed file: its public header and the encrypted keyset. */
    record Contents(ObjectNode header, JsonNode kek, List<OfficeKeyInfo> keys, String encryptedKeyset) {

        /** The associated data that binds the header to the encrypted keyset. */
        byte[] associatedData() {
            return OfficeKeysetFile.associatedData(header);
        }
    }

    private OfficeKeysetFile() {
    }

    /** The public header of a keyset file: format, kek description and key list. */
    static ObjectNode header(ObjectNode kekDescription, List<OfficeKeyInfo> keys) {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.set("kek", kekDescription);
        ArrayNode list = header.putArray("keys");
        for (OfficeKeyInfo key : keys) {
            ObjectNode entry = list.addObject();
            entry.put("keyId", key.keyId());
            entry.put("kem", key.kemName());
            entry.put("createdOn", key.createdOn().toString());
            entry.put("primary", key.primary());
        }
        return header;
    }

    /** Canonical JSON of the header: object keys sorted at every level, no whitespace. */
    static byte[] associatedData(ObjectNode header) {
        try {
            return JSON.writeValueAsBytes(sorted(header));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The whole file: the header followed by the encrypted keyset, indented for people. */
    static byte[] render(ObjectNode header, String encryptedKeyset) {
        ObjectNode file = header.deepCopy();
        file.put("encryptedKeyset", encryptedKeyset);
        try {
            return (PRETTY.writeValueAsString(file) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static Contents read(Path file) throws KeyLoadingException {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw damaged(file, "it is far larger than any office keyset");
            }
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new KeyLoadingException("the office keyset " + file + " does not exist (create one with keys init)");
        } catch (JsonProcessingException e) {
            throw damaged(file, "it is not valid JSON");
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadingException("the office keyset " + file + " cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw damaged(file, "it is not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new KeyLoadingException("the office keyset " + file + " is not a " + FORMAT + " file");
        }
        requireOnly(file, root, FIELDS, "the file");
        JsonNode kek = root.get("kek");
        if (kek == null || !kek.isObject() || !kek.path("kind").isTextual()) {
            throw damaged(file, "the kek description is missing");
        }
        JsonNode encrypted = root.get("encryptedKeyset");
        if (encrypted == null || !encrypted.isTextual()) {
            throw damaged(file, "the encrypted keyset is missing");
        }
        List<OfficeKeyInfo> keys = keys(file, root.get("keys"));
        ObjectNode header = ((ObjectNode) root).deepCopy();
        header.remove("encryptedKeyset");
        return new Contents(header, kek, keys, encrypted.asText());
    }

    private static List<OfficeKeyInfo> keys(Path file, JsonNode list) throws KeyLoadingException {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw damaged(file, "the key list is missing");
        }
        List<OfficeKeyInfo> keys = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        int primaries = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw damaged(file, "a key entry is not an object");
            }
            requireOnly(file, entry, KEY_FIELDS, "a key entry");
            JsonNode id = entry.get("keyId");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()
                    || id.longValue() < 0 || id.longValue() > 0xFFFF_FFFFL) {
                throw damaged(file, "a key id is not an unsigned 32-bit number");
            }
            if (!entry.path("primary").isBoolean()) {
                throw damaged(file, "a key entry has no primary flag");
            }
            OfficeKeyInfo key;
            try {
                key = new OfficeKeyInfo(id.longValue(), KemNames.parse(entry.path("kem").asText()),
                        LocalDate.parse(entry.path("createdOn").asText()), entry.get("primary").booleanValue());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw damaged(file, "a key entry has an unknown KEM or an invalid creation date");
            }
            if (!ids.add(key.keyId())) {
                throw damaged(file, "a key id appears twice");
            }
            primaries += key.primary() ? 1 : 0;
            keys.add(key);
        }
        if (primaries != 1) {
            throw damaged(file, "it must mark exactly one key as primary");
        }
        return List.copyOf(keys);
    }

    private static void requireOnly(Path file, JsonNode node, Set<String> allowed, String what)
            throws KeyLoadingException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!allowed.contains(names.next())) {
                throw damaged(file, what + " has an unknown field");
            }
        }
    }

    private static KeyLoadingException damaged(Path file, String why) {
        return new KeyLoadingException("the office keyset " + file + " is damaged: " + why);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), sorted(field.getValue())));
            ObjectNode out = JSON.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
