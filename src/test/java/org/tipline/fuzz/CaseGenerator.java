package org.tipline.fuzz;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tipline.fuzz.ApiCatalog.Access;
import org.tipline.fuzz.ApiCatalog.Operation;
import org.tipline.fuzz.ApiCatalog.QueryParameter;

/**
 * Makes fuzz cases from the API catalog. Each case starts as a valid request for one
 * documented operation, with real credentials, and then gets one or two mutations: of the
 * body, a path or query parameter, the headers, the credentials, the content type, the
 * method or the request line. The generator knows which mutations break the contract, and
 * so what a correct server must answer.
 *
 * <p>Case {@code n} of seed {@code s} is the same on every run. Requests whose valid form is
 * slow on purpose (office logins and account creation hash with Argon2id at 19 MiB; a chain
 * verification reads the whole audit log) or that spend the fuzz's own credentials are
 * valid only a few times per run; after that they are sent without credentials.
 */
final class CaseGenerator {

    private final ApiCatalog catalog;
    private final FuzzIdentity identity;
    private final String authority;
    private final long seed;
    private final JsonBodies bodies;
    private final Map<String, Integer> validBudget = new HashMap<>();
    private int wrongPassphrases = 20;
    private int accountNumber;

    CaseGenerator(ApiCatalog catalog, FuzzIdentity identity, String authority, long seed) {
        this.catalog = catalog;
        this.identity = identity;
        this.authority = authority;
        this.seed = seed;
        this.bodies = new JsonBodies(catalog, this::knownGood);
        validBudget.put("POST /api/v1/review/session", 25);
        validBudget.put("POST /api/v1/review/accounts", 5);
        validBudget.put("GET /api/v1/review/audit/verify", 10);
        validBudget.put("GET /api/v1/review/tips/contents", 40);
        validBudget.put("POST /api/v1/review/session/refresh", 3);
        validBudget.put("DELETE /api/v1/review/session", 3);
        validBudget.put("DELETE /api/v1/followup/access", 3);
        validBudget.put("DELETE /api/v1/followup/session", 10);
    }

    FuzzCase next(int number) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number);
        List<Operation> operations = catalog.operations();
        RequestDraft draft = validDraft(operations.get(random.nextInt(operations.size())), random);
        int count = random.nextInt(10) == 0 ? 0 : random.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < count && draft.codecStatus == 0 && !draft.dropped; i++) {
            mutate(draft);
        }
        keepWithinBudget(draft);
        return draft.build(number);
    }

    private RequestDraft validDraft(Operation operation, SplittableRandom random) {
        RequestDraft draft = new RequestDraft(operation, random, authority);
        for (String parameter : operation.pathParameters()) {
            draft.pathValues.put(parameter, parameter.equals("username") ? identity.otherUsername() : identity.reference());
        }
        for (QueryParameter parameter : operation.queryParameters()) {
            String value = validQueryValue(parameter.name());
            if (value != null && random.nextBoolean()) {
                draft.query.add(parameter.name() + "=" + Hostile.percentEncode(value));
            }
        }
        draft.header("Host", authority);
        if (random.nextInt(4) > 0) {
            draft.header("Accept", "application/json");
        }
        String credential = validCredential(operation, random);
        if (credential != null) {
            draft.header("Authorization", credential);
        }
        if (operation.takesBody()) {
            JsonBodies.Body body = bodies.validBody(operation.bodySchema(), random);
            draft.header("Content-Type", "application/json");
            draft.body = body.bytes();
            if (!body.mutation().equals("valid")) {
                draft.allow("body", body.mutation());
            }
        }
        return draft;
    }

    private String validCredential(Operation operation, SplittableRandom random) {
        return switch (operation.access()) {
            case PUBLIC -> null;
            case OFFICE -> "Bearer " + identity.officeToken();
            case TIPSTER -> operation.acceptsTipsterSession() && (!operation.acceptsTipsterPassphrase() || random.nextInt(3) > 0)
                    ? "Bearer " + identity.tipsterToken() : identity.tipsterHeader();
        };
    }

    private String validQueryValue(String name) {
        return switch (name) {
            case "from", "receivedFrom" -> "2020-01-01";
            case "to", "receivedTo" -> "2100-01-01";
            case "page" -> "0";
            case "size" -> "20";
            case "status" -> "new";
            case "category" -> "drugs";
            case "purpose" -> "fuzz check " + Hostile.MARKER;
            default -> null; // cursor, assignee, anchorSeq, anchorHash: absent is valid
        };
    }

    /** Values the schema cannot express: a configured category, an existing username, real role names. */
    String knownGood(String field) {
        return switch (field) {
            case "category" -> "\"drugs\"";
            case "language" -> "\"fr-CA\"";
            case "occurredAt" -> "\"2026-11-20T21:30\"";
            case "roles" -> "[\"reviewer\"]";
            case "programs" -> "[\"default\"]";
            case "username" -> Hostile.quote("fuzz-account-" + seed % 1000 + "-" + ++accountNumber);
            case "password" -> "\"a long enough password\"";
            case "totp" -> "\"123456\"";
            case "assignee" -> Hostile.quote(identity.otherUsername());
            case "assignedUnit", "unit" -> "\"unit-7\"";
            case "amount" -> "250.00";
            default -> null;
        };
    }

    private void mutate(RequestDraft draft) {
        Operation operation = draft.operation;
        SplittableRandom random = draft.random;
        while (true) {
            switch (random.nextInt(11)) {
                case 0, 1, 2 -> {
                    if (operation.takesBody()) {
                        mutateBody(draft);
                        return;
                    }
                }
                case 3 -> {
                    mutateCredential(draft);
                    return;
                }
                case 4 -> {
                    if (!operation.pathParameters().isEmpty()) {
                        mutatePathParameter(draft);
                        return;
                    }
                }
                case 5 -> {
                    mutateQuery(draft);
                    return;
                }
                case 6 -> {
                    mutateHeaders(draft);
                    return;
                }
                case 7 -> {
                    mutateContentType(draft);
                    return;
                }
                case 8 -> {
                    mutateAccept(draft);
                    return;
                }
                case 9 -> {
                    mutateMethod(draft);
                    return;
                }
                default -> {
                    if (!draft.framingChanged) { // one change of framing at a time: two can desynchronise the stream
                        draft.framingChanged = true;
                        mutateFraming(draft);
                        return;
                    }
                }
            }
        }
    }

    private void mutateBody(RequestDraft draft) {
        JsonBodies.Body body = bodies.mutated(draft.operation.bodySchema(), draft.random);
        draft.body = body.bytes();
        if (body.refused()) {
            draft.refuse("body", body.mutation());
        } else {
            draft.allow("body", body.mutation());
        }
    }

    private void mutateCredential(RequestDraft draft) {
        Operation operation = draft.operation;
        SplittableRandom random = draft.random;
        List<String> wrong = new ArrayList<>(List.of(
                "Bearer tlr_" + Hostile.MARKER + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Bearer tlf_" + Hostile.MARKER + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Bearer " + Hostile.MARKER,
                "Bearer",
                "Bearer ",
                "Basic " + base64("admin:" + Hostile.MARKER),
                "Tipster " + Hostile.MARKER + "!!not-base64",
                "Tipster " + base64(Hostile.MARKER + "-no-colon"),
                "Tipster " + base64(identity.reference() + ":six words are not the seven words"),
                "Tipster " + base64("TIP-" + Hostile.MARKER + ":" + Hostile.text(random)),
                "Tipster " + base64(Hostile.text(random) + ":" + Hostile.text(random)),
                "Tipster",
                "Negotiate " + Hostile.MARKER,
                "Bearer " + "A".repeat(5000) + Hostile.MARKER,
                "Bearer tlr_" + Hostile.percentEncode(Hostile.text(random))));
        if (operation.access() == Access.OFFICE) {
            wrong.add("Bearer " + identity.tipsterToken());
            wrong.add("Bearer " + identity.officeToken() + "x");
        } else if (operation.access() == Access.TIPSTER) {
            wrong.add("Bearer " + identity.officeToken());
            wrong.add("Bearer " + identity.tipsterToken() + "x");
        }
        int choice = random.nextInt(wrong.size() + 3);
        if (choice == wrong.size()) {
            draft.setHeader("Authorization", null);
            refuseUnlessPublic(draft, "no credentials");
        } else if (choice == wrong.size() + 1) {
            if (operation.acceptsTipsterPassphrase() && wrongPassphrases > 0) {
                // Well formed and wrong: spends the service-wide guessing budget, so only a few per run.
                // Never against the real reference, whose per-reference delay would stall the run.
                wrongPassphrases--;
                draft.setHeader("Authorization", "Tipster " + base64(randomReference(random) + ":"
                        + "abacus abdomen abide abiding ability ablaze able"));
                draft.refuse("credentials", "wrong passphrase for an unknown reference");
            } else {
                draft.setHeader("Authorization", "Tipster " + base64(randomReference(random) + ":" + Hostile.MARKER));
                refuseUnlessPublic(draft, "malformed passphrase");
            }
        } else if (choice == wrong.size() + 2) {
            // Valid credentials with the scheme's case changed and extra spaces: still the same credentials.
            String valid = validCredential(operation, random);
            if (valid != null) {
                int space = valid.indexOf(' ');
                draft.setHeader("Authorization", valid.substring(0, space).toUpperCase(Locale.ROOT) + "   "
                        + valid.substring(space + 1) + "  ");
                draft.allow("credentials", "credentials in odd case and spacing");
            } else {
                draft.setHeader("Authorization", "Bearer " + Hostile.MARKER);
                draft.allow("credentials", "credentials where none are needed");
            }
        } else {
            draft.setHeader("Authorization", wrong.get(choice));
            boolean unknownTipsterToken = operation.name().equals("DELETE /api/v1/followup/session")
                    && wrong.get(choice).startsWith("Bearer tlf_"); // signing out an unknown token is a 204
            if (unknownTipsterToken) {
                draft.allow("credentials", "unknown tipster session token");
            } else {
                refuseUnlessPublic(draft, "wrong credentials");
            }
        }
    }

    private void refuseUnlessPublic(RequestDraft draft, String mutation) {
        if (draft.operation.access() == Access.PUBLIC) {
            draft.allow("credentials", mutation + " where none are needed");
        } else {
            draft.refuse("credentials", mutation);
        }
    }

    private void mutatePathParameter(RequestDraft draft) {
        SplittableRandom random = draft.random;
        String parameter = Hostile.pick(random, draft.operation.pathParameters());
        String real = draft.pathValues.get(parameter);
        record Value(String encoded, boolean refused) {
        }
        List<Value> values = List.of(
                new Value("..%2f..%2f..%2fetc%2fpasswd" + Hostile.MARKER, true),
                new Value("%00" + Hostile.MARKER, true),
                new Value(Hostile.MARKER + "%00", true),
                new Value("%2e%2e%2f%2e%2e%2f" + Hostile.MARKER, true),
                new Value("%252e%252e%252f" + Hostile.MARKER, true),
                new Value("%c0%ae%c0%ae%c0%af" + Hostile.MARKER, true),
                new Value("%ff%fe" + Hostile.MARKER, true),
                new Value("%" + Hostile.MARKER, true),
                new Value("%zz" + Hostile.MARKER, true),
                new Value("%0d%0aX-Injected:%20" + Hostile.MARKER, true),
                new Value("%1b%5b31m" + Hostile.MARKER, true),
                new Value(Hostile.percentEncode(Hostile.text(random)), true),
                new Value(Hostile.MARKER + "x".repeat(1500), true),
                new Value("TIP-" + Hostile.MARKER + "X".repeat(1000), true),
                new Value("TIP-0000-0000-0000-0000", true),
                new Value(Hostile.MARKER + "%3Bjsessionid=1", true),
                new Value(Hostile.MARKER + "%2F" + Hostile.MARKER, true),
                new Value("%5C..%5C" + Hostile.MARKER, true),
                new Value(Hostile.MARKER + "%E2%80%AE%F0%9F%98%80", true),
                new Value(real.toLowerCase(Locale.ROOT), false),
                new Value(real.replace("-", ""), false),
                new Value(real + ";" + Hostile.MARKER + "=1", false),
                new Value("..", false),
                new Value("%2e%2e", false),
                new Value(".", false),
                new Value("", false));
        Value value = Hostile.pick(random, values);
        draft.pathValues.put(parameter, value.encoded());
        // A dot segment or an empty one moves the request to another resource, whose rules are its own.
        draft.elsewhere = Set.of("..", "%2e%2e", ".", "").contains(value.encoded());
        String mutation = "{" + parameter + "} = " + Printable.of(value.encoded(), 60);
        if (value.refused()) {
            draft.refuse("path " + parameter, mutation);
        } else {
            draft.allow("path " + parameter, mutation);
        }
        if (draft.requestTarget().length() > 2048) {
            draft.codec("request line over 2,048 bytes", 414);
        }
    }

    private void mutateQuery(RequestDraft draft) {
        SplittableRandom random = draft.random;
        List<QueryParameter> parameters = draft.operation.queryParameters();
        int choice = random.nextInt(8);
        if (choice < 5 && !parameters.isEmpty()) {
            QueryParameter parameter = Hostile.pick(random, parameters);
            String type = ApiCatalog.type(parameter.schema(), "string");
            String name = parameter.name();
            draft.query.removeIf(q -> q.startsWith(name + "="));
            if (type.equals("integer")) {
                List<String> bad = new ArrayList<>(List.of("abc" + Hostile.MARKER, "1e400", "99999999999999999999999",
                        "1.5", "0x10", "NaN", "%00", "9223372036854775808", "-99999999999999999999"));
                if (parameter.schema().has("minimum")) {
                    bad.add(Integer.toString(parameter.schema().get("minimum").asInt() - 1));
                }
                if (parameter.schema().has("maximum")) {
                    bad.add(Integer.toString(parameter.schema().get("maximum").asInt() + 1));
                }
                String value = Hostile.pick(random, bad);
                draft.query.add(name + "=" + value);
                draft.refuse("query " + name, "?" + name + "=" + value);
            } else if (parameter.schema().has("pattern")) {
                String value = Hostile.percentEncode(Hostile.text(random));
                draft.query.add(name + "=" + value);
                draft.refuse("query " + name, "?" + name + " breaks its pattern");
            } else {
                String value = Hostile.percentEncode(Hostile.text(random));
                draft.query.add(name + "=" + value);
                draft.allow("query " + name, "?" + name + "=" + Printable.of(value, 40));
            }
            return;
        }
        String name = parameters.isEmpty() ? Hostile.MARKER : Hostile.pick(random, parameters).name();
        List<String> odd = List.of(
                name + "=0&" + name + "=" + Hostile.MARKER,
                name,
                name + "=",
                name + "[]=" + Hostile.MARKER,
                Hostile.MARKER + "=" + Hostile.percentEncode(Hostile.text(random)),
                name + "=%",
                name + "=%zz" + Hostile.MARKER,
                name + "=%ff%fe%c0%af",
                name + "=" + Hostile.MARKER + "+plus+%2B",
                "=" + Hostile.MARKER,
                "&&&",
                name + "=" + Hostile.MARKER + "x".repeat(1500),
                name + "=" + "%00".repeat(100));
        String value = Hostile.pick(random, odd);
        draft.query.add(value);
        draft.allow("odd query", "query " + Printable.of(value, 60));
        if (draft.requestTarget().length() > 2048) {
            draft.codec("request line over 2,048 bytes", 414);
        }
    }

    private void mutateHeaders(RequestDraft draft) {
        SplittableRandom random = draft.random;
        switch (random.nextInt(9)) {
            case 0 -> {
                for (String name : List.of("X-Forwarded-For", "X-Real-IP", "Forwarded", "True-Client-IP",
                        "CF-Connecting-IP", "User-Agent", "Referer", "Cookie", "Origin", "Via", "Accept-Language")) {
                    draft.header(name, Hostile.MARKER + "-203.0.113.9");
                }
                draft.allow("origin headers", "origin headers");
            }
            case 1 -> {
                draft.header("X-" + Hostile.MARKER, Hostile.MARKER + "v".repeat(6000));
                draft.allow("big headers", "a 6,000-byte header");
            }
            case 2 -> {
                for (int i = 0; i < 150; i++) {
                    draft.header("X-Fuzz-" + i, Hostile.MARKER + i);
                }
                draft.allow("big headers", "150 extra headers");
            }
            case 3 -> {
                if (random.nextBoolean()) {
                    draft.header("X-" + Hostile.MARKER, "w".repeat(9000));
                } else {
                    for (int i = 0; i < 400; i++) {
                        draft.header("X-Fuzz-" + i, Hostile.MARKER + "-" + i);
                    }
                }
                draft.codec("headers over 8 KiB", 431);
            }
            case 4 -> {
                String control = Hostile.pick(random, List.of("\u0000", "\u0001", "\u001b[31m", "\u007f", "\u000b"));
                draft.header("X-" + Hostile.MARKER, "a" + control + "b");
                draft.codec("control character in a header value", 400);
            }
            case 5 -> {
                String name = Hostile.pick(random, List.of("X Fuzz", "X-Fuzz\u0000", "(X)", "X-Fuzz\u001b", "X-Fuzz\u00e9"));
                draft.header(name, Hostile.MARKER);
                draft.codec("malformed header name", 400);
            }
            case 6 -> {
                if (random.nextBoolean()) {
                    draft.header("X-Folded", Hostile.MARKER + "\r\n  continued");
                    draft.allow("odd headers", "obsolete line folding");
                } else {
                    draft.header("", Hostile.MARKER);
                    draft.allow("odd headers", "empty header name");
                }
            }
            case 7 -> {
                draft.header("Expect", Hostile.pick(random, List.of("100-continue", Hostile.MARKER)));
                draft.allow("expect", "Expect header");
            }
            default -> {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        draft.setHeader("Host", null);
                        draft.allow("host", "no Host");
                        draft.badHost = true;
                    }
                    case 1 -> {
                        draft.setHeader("Host", "localhost:" + Hostile.MARKER);
                        draft.allow("host", "malformed Host");
                        draft.badHost = true;
                    }
                    default -> {
                        boolean hadHost = draft.headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Host"));
                        draft.header("Host", "other.example");
                        draft.allow("host", "second Host");
                        if (!hadHost) {
                            draft.badHost = false; // after "no Host", this is the one Host, and a usable one
                        }
                    }
                }
            }
        }
    }

    private void mutateContentType(RequestDraft draft) {
        SplittableRandom random = draft.random;
        if (!draft.operation.takesBody()) {
            draft.setHeader("Content-Type", "text/plain");
            draft.body = ("junk " + Hostile.MARKER).getBytes(StandardCharsets.UTF_8);
            draft.allow("body", "a text body where none is taken");
            return;
        }
        List<String> refusedTypes = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=" + Hostile.MARKER, "application/jsonx", "application/json-patch+json",
                "text/json", "", "*/*", "application/*", ";;;", "json");
        List<String> fineTypes = List.of("application/json; charset=utf-8", "APPLICATION/JSON",
                "application/json;charset=ISO-8859-1", "application/json; x=" + Hostile.MARKER);
        int choice = random.nextInt(refusedTypes.size() + fineTypes.size() + 1);
        if (choice < refusedTypes.size()) {
            draft.setHeader("Content-Type", refusedTypes.get(choice));
            draft.refuse("content type", "Content-Type: " + refusedTypes.get(choice));
        } else if (choice < refusedTypes.size() + fineTypes.size()) {
            String type = fineTypes.get(choice - refusedTypes.size());
            draft.setHeader("Content-Type", type);
            draft.allow("content type", "Content-Type: " + type);
        } else {
            draft.setHeader("Content-Type", null);
            draft.refuse("content type", "no Content-Type");
        }
    }

    private void mutateAccept(RequestDraft draft) {
        SplittableRandom random = draft.random;
        List<String> excluding = List.of("text/html", "application/xml", "text/plain", "image/png");
        List<String> fine = List.of("*/*", "application/*", "application/json; charset=utf-8",
                "application/json, text/html;q=0.1", "application/json;q=0", ";;" + Hostile.MARKER,
                "application/json, " + "text/x-" + Hostile.MARKER + ", ".repeat(300));
        if (random.nextBoolean()) {
            String accept = Hostile.pick(random, excluding);
            draft.setHeader("Accept", accept);
            if (draft.operation.answersJson()) {
                draft.refuse("accept", "Accept: " + accept);
            } else {
                draft.allow("accept", "Accept: " + accept);
            }
        } else {
            String accept = Hostile.pick(random, fine);
            draft.setHeader("Accept", accept);
            draft.allow("accept", "Accept: " + Printable.of(accept, 50));
        }
    }

    private void mutateMethod(RequestDraft draft) {
        SplittableRandom random = draft.random;
        Set<String> documented = catalog.methodsOf(draft.operation.path());
        List<String> others = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "FUZZ", "get", "CONNECT")) {
            if (!documented.contains(method)) {
                others.add(method);
            }
        }
        if (random.nextInt(5) == 0) {
            String method = documented.contains("GET") ? "HEAD" : "OPTIONS";
            draft.method = method;
            draft.allow("method", "method " + method);
            return;
        }
        draft.method = Hostile.pick(random, others);
        draft.refuse("method", "method " + draft.method);
    }

    private void mutateFraming(RequestDraft draft) {
        SplittableRandom random = draft.random;
        switch (random.nextInt(15)) {
            case 0 -> {
                draft.version = "HTTP/1.0";
                draft.allow("version", "HTTP/1.0");
            }
            case 1 -> {
                draft.absoluteForm = true;
                draft.allow("absolute form", "absolute-form target");
            }
            case 2 -> {
                if (random.nextBoolean()) {
                    draft.version = Hostile.pick(random, List.of("HTTP/2.0", "HTTP/1.2", "FUZZ/1.1"));
                    draft.allow("version", "odd but well-formed HTTP version " + draft.version);
                } else {
                    draft.version = Hostile.pick(random, List.of("HTTP/x", "HTTP/1.1 extra", "HTTP/1.1\u0000", "HTTP/1."));
                    draft.codec("malformed HTTP version", 400);
                }
            }
            case 3 -> {
                draft.targetSuffix = Hostile.pick(random, List.of(" x", "\u0000", "\u001b[31m", "{" + Hostile.MARKER + "}"));
                draft.allow("target suffix", "space, control character or brace in the request target"); // see build()
            }
            case 4 -> {
                draft.version = "";
                draft.codec("no HTTP version", 400);
            }
            case 5 -> {
                draft.target = "/api/v1/" + Hostile.MARKER + "x".repeat(2100);
                draft.codec("request line over 2,048 bytes", 414);
            }
            case 6 -> {
                draft.contentLength = Hostile.pick(random, List.of("abc", "-1", "+5", "99999999999999999999", "1, 2", "0x10"));
                draft.body = draft.body == null ? JsonBodies.utf8("{\"padding\":\"" + Hostile.MARKER + "\"}") : draft.body;
                draft.codec("malformed Content-Length", 400);
            }
            case 7 -> {
                if (draft.body != null) {
                    draft.chunked = true;
                    draft.allow("framing", "chunked body");
                } else {
                    draft.target = "/api/v1/" + Hostile.percentEncode(Hostile.text(random));
                    draft.refuse("target", "unknown path");
                }
            }
            case 8 -> {
                // Not chunked, so the Content-Length still frames the body.
                draft.header("Transfer-Encoding", Hostile.pick(random, List.of("gzip", "identity", Hostile.MARKER)));
                draft.allow("framing", "Transfer-Encoding that is not chunked");
            }
            case 9 -> {
                draft.body = draft.body == null ? JsonBodies.utf8("{\"padding\":\"" + Hostile.MARKER + "\"}") : draft.body;
                draft.header("Content-Length", Integer.toString(draft.body.length - random.nextInt(2)));
                draft.codec("two Content-Length headers", 400);
            }
            case 10 -> {
                draft.targetSuffix = "#" + Hostile.MARKER;
                draft.allow("target suffix", "fragment in the target"); // part of the path or of the last query value
            }
            case 11 -> {
                draft.target = "/api/v1/" + Hostile.MARKER + "/\u00e9\u00ff";
                draft.refuse("target", "raw non-ASCII bytes in the path");
            }
            case 12 -> {
                draft.target = "*";
                draft.refuse("target", "asterisk target");
            }
            case 13 -> {
                if (!draft.version.equals("HTTP/1.1") || !RequestDraft.wellFormedRequestLine(draft.method + " " + draft.requestTarget() + " HTTP/1.1")) {
                    // Only a request whose head is accepted gets as far as its body.
                    draft.target = "/api/v1/" + Hostile.MARKER;
                    draft.refuse("target", "unknown path");
                    return;
                }
                draft.header("Transfer-Encoding", "chunked");
                draft.body = JsonBodies.utf8(Hostile.pick(random, List.of("zz\r\n{}\r\n0\r\n\r\n",
                        "2\r\n{}" + Hostile.MARKER + "\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n",
                        "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n")));
                draft.contentLength = null;
                draft.noContentLength = true;
                draft.dropped("malformed chunked body");
            }
            default -> {
                draft.target = "/api/v1/" + Hostile.percentEncode(Hostile.text(random));
                draft.refuse("target", "unknown path");
            }
        }
    }

    /** Sends the slow or credential-spending operations valid only a few times per run. */
    private void keepWithinBudget(RequestDraft draft) {
        if (draft.refused() || draft.codecStatus != 0 || draft.dropped || !draft.method.equals(draft.operation.method())) {
            return;
        }
        String name = draft.operation.name();
        Integer left = validBudget.get(name);
        if (left == null) {
            return;
        }
        if (left > 0) {
            validBudget.put(name, left - 1);
            return;
        }
        if (draft.operation.access() == Access.PUBLIC) {
            draft.body = JsonBodies.utf8("{\"username\":\"" + Hostile.MARKER + "\"}");
            draft.setHeader("Content-Type", "application/json");
            draft.refuse("body", "over budget: a body without password");
        } else {
            draft.setHeader("Authorization", null);
            draft.refuse("credentials", "over budget: no credentials");
        }
    }


    private static String randomReference(SplittableRandom random) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder out = new StringBuilder("TIP");
        for (int i = 0; i < 16; i++) {
            if (i % 4 == 0) {
                out.append('-');
            }
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
