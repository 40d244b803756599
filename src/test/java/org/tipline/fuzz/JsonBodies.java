package org.tipline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Request bodies from an operation's JSON schema: a valid one, and variants that break the
 * schema or JSON itself. Each variant says whether it breaks the contract ({@code refused}),
 * so that the fuzz knows when a 2xx would be wrong.
 */
final class JsonBodies {

    /** A body as bytes, what was done to it, and whether a correct server must refuse it. */
    record Body(byte[] bytes, String mutation, boolean refused) {
    }

    /** One member of a JSON object: its name and its value as JSON text. Duplicates are allowed on purpose. */
    record Member(String name, String json) {
    }

    private final ApiCatalog catalog;
    private final Function<String, String> knownGood;

    /**
     * @param knownGood for a field name, a JSON value the server accepts beyond what the schema
     *                  says (a configured category, an existing username), or null
     */
    JsonBodies(ApiCatalog catalog, Function<String, String> knownGood) {
        this.catalog = catalog;
        this.knownGood = knownGood;
    }

    /** A body that follows the schema; free-text fields get hostile but legal text when {@code hostileText}. */
    List<Member> valid(JsonNode schema, SplittableRandom random, boolean hostileText) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties(schema)) {
            String name = property.getKey();
            if (isRequired(schema, name) || random.nextInt(3) > 0) {
                members.add(new Member(name, validValue(name, catalog.resolve(property.getValue()), random, hostileText)));
            }
        }
        return members;
    }

    Body validBody(JsonNode schema, SplittableRandom random) {
        boolean hostile = random.nextBoolean();
        return new Body(utf8(object(valid(schema, random, hostile))), hostile ? "valid, hostile text" : "valid", false);
    }

    /** A body that breaks the schema or JSON in one way, picked at random. */
    Body mutated(JsonNode schema, SplittableRandom random) {
        List<Member> members = valid(schema, random, random.nextBoolean());
        List<Map.Entry<String, JsonNode>> properties = properties(schema);
        Map.Entry<String, JsonNode> target = properties.isEmpty() ? null : Hostile.pick(random, properties);
        String field = target == null ? "x" : target.getKey();
        JsonNode fieldSchema = target == null ? null : catalog.resolve(target.getValue());
        return switch (random.nextInt(25)) {
            case 0 -> missingRequired(schema, members, random);
            case 1 -> refused("unknown field", with(members, Hostile.MARKER + "Extra", Hostile.quote("x")));
            case 2 -> refused("wrong type in " + field, replace(members, field, wrongType(fieldSchema, random)));
            case 3 -> isRequired(schema, field)
                    ? refused("null for required " + field, replace(members, field, "null"))
                    : new Body(utf8(object(replace(members, field, "null"))), "null for optional " + field, false);
            case 4 -> tooLong(field, fieldSchema, members, random);
            case 5 -> breakRule(field, fieldSchema, members, random);
            case 6 -> hugeNumber(field, fieldSchema, members, random);
            case 7 -> members.isEmpty() ? refused("duplicate key", List.of(new Member("a", "1"), new Member("a", "2")))
                    : refused("duplicate key " + members.get(0).name(), with(members, members.get(0).name(), members.get(0).json()));
            case 8 -> refused("nested 10,000 deep in " + field, replace(members, field, nested(10_000, random)));
            case 9 -> refused("nested 40 deep in " + field, replace(members, field, nested(40, random)));
            case 10 -> refused("100,000-element array in " + field, replace(members, field, array(100_000)));
            case 11 -> refused("25,000-element array in " + field, replace(members, field, array(25_000)));
            case 12 -> new Body(rawControl(object(members), random), "raw control character in a string", true);
            case 13 -> invalidUtf8(object(members), random);
            case 14, 15 -> malformed(object(members), random);
            case 16 -> notAnObject(random);
            case 17 -> new Body(prefixed(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(object(members))),
                    "UTF-8 byte order mark", false);
            case 18 -> new Body(object(members).getBytes(random.nextBoolean() ? StandardCharsets.UTF_16LE
                    : StandardCharsets.UTF_16BE), "UTF-16 body", true);
            case 19 -> new Body(new byte[0], "empty body", true);
            case 20 -> new Body(utf8("{}"), "empty object", !requiredOf(schema).isEmpty());
            case 21, 22, 23 -> new Body(utf8(object(replace(members, field, Hostile.quote(Hostile.text(random))))),
                    "hostile text in " + field, false);
            default -> new Body(utf8(object(members)), "valid, hostile text", false);
        };
    }

    private Body missingRequired(JsonNode schema, List<Member> members, SplittableRandom random) {
        List<String> required = requiredOf(schema);
        if (required.isEmpty()) {
            return new Body(utf8(object(members)), "valid (nothing required)", false);
        }
        String field = Hostile.pick(random, required);
        return refused("missing required " + field, members.stream().filter(m -> !m.name().equals(field)).toList());
    }

    private Body tooLong(String field, JsonNode schema, List<Member> members, SplittableRandom random) {
        if (schema != null && schema.has("maxLength") && schema.get("maxLength").asInt() < 40_000) {
            int length = schema.get("maxLength").asInt() + 1 + random.nextInt(3);
            String text = (Hostile.MARKER + "x".repeat(length)).substring(0, length);
            return refused("too long " + field, replace(members, field, Hostile.quote(text)));
        }
        if (schema != null && "object".equals(ApiCatalog.type(schema, "")) && schema.has("additionalProperties")) {
            StringBuilder entries = new StringBuilder("{");
            for (int i = 0; i < 51; i++) {
                entries.append(i == 0 ? "" : ",").append(Hostile.quote("q" + i)).append(':').append(Hostile.quote(Hostile.MARKER));
            }
            return refused("51 entries in " + field, replace(members, field, entries.append('}').toString()));
        }
        if (schema != null && "array".equals(ApiCatalog.type(schema, ""))) {
            return refused("array of a 70,000-character string in " + field,
                    replace(members, field, "[" + Hostile.quote(Hostile.MARKER + "y".repeat(70_000)) + "]"));
        }
        return refused("wrong type in " + field, replace(members, field, wrongType(schema, random)));
    }

    private Body breakRule(String field, JsonNode schema, List<Member> members, SplittableRandom random) {
        if (schema != null && schema.has("enum")) {
            return refused("not in the enum of " + field, replace(members, field, Hostile.quote(Hostile.MARKER + "-state")));
        }
        if (schema != null && schema.has("pattern")) {
            String blank = "\\S".equals(schema.get("pattern").asText()) ? " \t " : "!" + Hostile.MARKER + "!\u0000";
            return refused("breaks the pattern of " + field, replace(members, field, Hostile.quote(blank)));
        }
        if (schema != null && schema.has("minLength")) {
            return refused("empty " + field, replace(members, field, "\"\""));
        }
        if (schema != null && "object".equals(ApiCatalog.type(schema, "")) && schema.has("additionalProperties")) {
            return refused("non-string value in " + field, replace(members, field, "{\"q\":{\"" + Hostile.MARKER + "\":1}}"));
        }
        return refused("wrong type in " + field, replace(members, field, wrongType(schema, random)));
    }

    private Body hugeNumber(String field, JsonNode schema, List<Member> members, SplittableRandom random) {
        String number = Hostile.number(random);
        // A number is the right type only for a number field, and every one of these breaks its range.
        return refused("number " + number + " in " + field, replace(members, field, number));
    }

    private static String wrongType(JsonNode schema, SplittableRandom random) {
        String type = ApiCatalog.type(schema, "string");
        List<String> wrong = switch (type) {
            case "string" -> List.of("12345", "true", "{\"a\":\"" + Hostile.MARKER + "\"}", "[\"" + Hostile.MARKER + "\"]", "1e400");
            case "number", "integer" -> List.of("true", Hostile.quote(Hostile.MARKER), "{}", "[1]", "\"250.00\"");
            case "boolean" -> List.of("1", Hostile.quote("yes" + Hostile.MARKER), "{}", "[true]", "0");
            case "array" -> List.of(Hostile.quote(Hostile.MARKER), "7", "{\"a\":1}", "[[\"" + Hostile.MARKER + "\"]]", "[1]");
            case "object" -> List.of("[]", Hostile.quote(Hostile.MARKER), "42", "false");
            default -> List.of("[]", "{}");
        };
        return Hostile.pick(random, wrong);
    }

    private Body malformed(String object, SplittableRandom random) {
        List<String> forms = List.of(
                object.substring(0, Math.max(1, object.length() / 2)),
                object + " {\"" + Hostile.MARKER + "\":1}",
                object + "garbage" + Hostile.MARKER,
                object.replace("\"", "'"),
                object.length() > 2 ? object.substring(0, object.length() - 1) + ",}" : "{,}",
                "/* " + Hostile.MARKER + " */" + object,
                "{" + Hostile.MARKER + ":1}",
                "{\"a\":NaN}",
                "{\"a\":01}",
                "{\"a\":0x10}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":\"\\u00\"}",
                "{",
                "}",
                "{}{}",
                " \t\r\n ");
        return refused("malformed JSON", utf8(Hostile.pick(random, forms)));
    }

    private static Body notAnObject(SplittableRandom random) {
        String json = Hostile.pick(random, List.of("null", "[]", "[{}]", Hostile.quote(Hostile.MARKER), "42", "true", "1e400"));
        return new Body(utf8(json), "top-level " + json.charAt(0), true);
    }

    /** An unescaped control character inside a string value, which JSON does not allow. */
    private static byte[] rawControl(String object, SplittableRandom random) {
        char control = "\u0000\u0001\n\r\u001b\u001f\t".charAt(random.nextInt(7));
        int quote = object.lastIndexOf('"');
        String broken = quote > 0 ? object.substring(0, quote) + control + object.substring(quote)
                : "{\"a\":\"" + control + "\"}";
        return utf8(broken);
    }

    private static Body invalidUtf8(String object, SplittableRandom random) {
        record Bad(String name, byte[] bytes, boolean refused) {
        }
        List<Bad> bads = List.of(
                new Bad("byte FF", new byte[] {(byte) 0xFF}, true),
                new Bad("byte FE", new byte[] {(byte) 0xFE}, true),
                new Bad("lone continuation byte", new byte[] {(byte) 0x80}, true),
                new Bad("truncated sequence", new byte[] {(byte) 0xE2, (byte) 0x82}, true),
                new Bad("five-byte sequence", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, true),
                new Bad("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}, true),
                new Bad("overlong NUL", new byte[] {(byte) 0xC0, (byte) 0x80}, true),
                new Bad("encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, true),
                new Bad("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, true));
        Bad bad = Hostile.pick(random, bads);
        int quote = object.lastIndexOf('"');
        byte[] before = utf8(quote > 0 ? object.substring(0, quote) : "{\"a\":\"");
        byte[] after = utf8(quote > 0 ? object.substring(quote) : "\"}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before);
        bytes.writeBytes(bad.bytes());
        bytes.writeBytes(after);
        return new Body(bytes.toByteArray(), "invalid UTF-8: " + bad.name(), bad.refused());
    }

    private String validValue(String name, JsonNode schema, SplittableRandom random, boolean hostileText) {
        String known = knownGood.apply(name);
        if (known != null) {
            return known;
        }
        String type = ApiCatalog.type(schema, "string");
        if (schema.has("enum")) {
            return Hostile.quote(Hostile.pick(random, listOf(schema.get("enum"))));
        }
        switch (type) {
            case "number", "integer":
                return schema.has("examples") ? schema.get("examples").get(0).asText() : "1";
            case "boolean":
                return random.nextBoolean() ? "true" : "false";
            case "array":
                return "[" + validValue(name + "[]", catalog.resolve(schema.path("items")), random, hostileText) + "]";
            case "object":
                if (schema.has("additionalProperties")) {
                    return "{" + Hostile.quote("question") + ":" + Hostile.quote(text(random, hostileText, 100)) + "}";
                }
                return "{}";
            default:
                if (schema.has("examples")) {
                    return Hostile.quote(schema.get("examples").get(0).asText());
                }
                int max = schema.path("maxLength").asInt(200);
                return Hostile.quote(text(random, hostileText, max));
        }
    }

    private static String text(SplittableRandom random, boolean hostile, int max) {
        String text = hostile ? Hostile.text(random) : "fuzz text " + Hostile.MARKER;
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static List<String> listOf(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            properties.add(it.next());
        }
        return properties;
    }

    private static List<String> requiredOf(JsonNode schema) {
        return listOf(schema.path("required"));
    }

    private static boolean isRequired(JsonNode schema, String name) {
        return requiredOf(schema).contains(name);
    }

    private static List<Member> with(List<Member> members, String name, String json) {
        List<Member> out = new ArrayList<>(members);
        out.add(new Member(name, json));
        return out;
    }

    private static List<Member> replace(List<Member> members, String name, String json) {
        List<Member> out = new ArrayList<>();
        boolean replaced = false;
        for (Member member : members) {
            if (member.name().equals(name)) {
                out.add(new Member(name, json));
                replaced = true;
            } else {
                out.add(member);
            }
        }
        if (!replaced) {
            out.add(new Member(name, json));
        }
        return out;
    }

    static String object(List<Member> members) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < members.size(); i++) {
            out.append(i == 0 ? "" : ",").append(Hostile.quote(members.get(i).name())).append(':').append(members.get(i).json());
        }
        return out.append('}').toString();
    }

    private static String nested(int depth, SplittableRandom random) {
        if (random.nextBoolean()) {
            return "[".repeat(depth) + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String array(int elements) {
        StringBuilder out = new StringBuilder(elements * 2 + 2).append('[');
        for (int i = 0; i < elements; i++) {
            out.append(i == 0 ? "0" : ",0");
        }
        return out.append(']').toString();
    }

    private static Body refused(String mutation, List<Member> members) {
        return new Body(utf8(object(members)), mutation, true);
    }

    private static Body refused(String mutation, byte[] bytes) {
        return new Body(bytes, mutation, true);
    }

    private static byte[] prefixed(byte[] prefix, byte[] body) {
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
