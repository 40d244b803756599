package org.tipline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A stand-in for the office's identity provider that a browser can sign in at: an OpenID
 * Connect provider on a free loopback port, shaped like a Keycloak realm, serving
 * <ul>
 * <li>its discovery document (with CORS, as Keycloak and Entra ID serve theirs);</li>
 * <li>{@code /auth}, which signs the configured user in at once and sends the browser back with a
 *     code, after checking the client id, the exact redirect URI, an S256 code challenge, a state
 *     and a nonce;</li>
 * <li>{@code /token} (with CORS for tipline's origin only), which exchanges a code once, for the
 *     code verifier whose S256 hash is the challenge, and a refresh token once, for an access token
 *     signed with {@link TestIdentityProvider}'s key (audience, realm roles and programs as in
 *     the other identity-provider tests), an ID token carrying the nonce, and a new refresh
 *     token;</li>
 * <li>its keys ({@code /certs}).</li>
 * </ul>
 * Each check that fails is noted. A test tells it, through {@code POST /control/setup}, which
 * redirect URI and origin to expect, whom to sign in (or to refuse with
 * {@code access_denied}), for how long, and for which audience, and reads through {@code GET /control/state} what happened: the
 * count of each step, the failed checks and the tokens it issued. Plain HTTP over loopback, as
 * tipline allows for an issuer on this machine only.
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "tipline-console";
    public static final String REALM = "/realms/office";
    private static final String PROTOCOL = REALM + "/protocol/openid-connect";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpServer server;
    private String issuer;
    private volatile JsonNode setup = JSON.createObjectNode();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> issued = new ArrayList<>();

    private record Grant(String challenge, String nonce, String redirectUri, JsonNode user) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
        return Map.of("tipline.console.oidc.issuer", issuer,
                "tipline.console.oidc.client-id", CLIENT_ID,
                "tipline.console.oidc.name", "Office SSO",
                "quarkus.oidc.token.issuer", issuer);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(REALM + "/.well-known/openid-configuration") && method.equals("GET")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                send(exchange, 200, discovery());
            } else if (path.equals(PROTOCOL + "/certs") && method.equals("GET")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                send(exchange, 200, keys());
            } else if (path.equals(PROTOCOL + "/auth") && method.equals("GET")) {
                authorize(exchange);
            } else if (path.equals(PROTOCOL + "/token") && method.equals("OPTIONS")) {
                cors(exchange);
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "accept, content-type");
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals(PROTOCOL + "/token") && method.equals("POST")) {
                cors(exchange);
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            } else if (path.equals("/control/setup") && method.equals("POST")) {
                setUp(JSON.readTree(exchange.getRequestBody()));
                send(exchange, 200, JSON.createObjectNode());
            } else if (path.equals("/control/state") && method.equals("GET")) {
                send(exchange, 200, state());
            } else {
                send(exchange, 404, JSON.createObjectNode().put("error", "not_found"));
            }
        } catch (RuntimeException e) {
            problem("the fake provider failed: " + e);
            throw e;
        }
    }

    private ObjectNode discovery() {
        ObjectNode document = JSON.createObjectNode();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
        document.put("token_endpoint", issuer + "/protocol/openid-connect/token");
        document.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
        document.putArray("response_types_supported").add("code");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("code_challenge_methods_supported").add("S256");
        document.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        document.putArray("scopes_supported").add("openid");
        return document;
    }

    private ObjectNode keys() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(TestIdentityProvider.publicKeyBase64())));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            ObjectNode jwks = JSON.createObjectNode();
            jwks.putArray("keys").addObject().put("kty", "RSA").put("kid", "test-idp-1").put("use", "sig")
                    .put("alg", "RS256").put("n", b64.encodeToString(unsigned(key.getModulus().toByteArray())))
                    .put("e", b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
            return jwks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** Signs the configured user in at once: back to the redirect URI with a code, or with access_denied. */
    private void authorize(HttpExchange exchange) throws IOException {
        count("authorizations");
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        List<String> faults = new ArrayList<>();
        String redirectUri = query.get("redirect_uri");
        check(faults, CLIENT_ID.equals(query.get("client_id")), "client_id");
        check(faults, setup.path("redirectUri").asText().equals(redirectUri), "redirect_uri " + redirectUri);
        check(faults, "code".equals(query.get("response_type")), "response_type");
        check(faults, List.of(query.getOrDefault("scope", "").split(" ")).contains("openid"), "scope openid");
        check(faults, "S256".equals(query.get("code_challenge_method")), "code_challenge_method S256");
        check(faults, query.get("code_challenge") != null && CHALLENGE.matcher(query.get("code_challenge")).matches(),
                "code_challenge");
        check(faults, query.get("state") != null && query.get("state").length() >= 16, "state");
        check(faults, query.get("nonce") != null && query.get("nonce").length() >= 16, "nonce");
        if (!faults.isEmpty()) {
            faults.forEach(fault -> problem("authorize: " + fault));
            send(exchange, 400, JSON.createObjectNode().put("error", "invalid_request"));
            return;
        }
        Map<String, String> back = new LinkedHashMap<>();
        if (setup.path("refuse").asBoolean()) {
            back.put("error", "access_denied");
        } else {
            String code = random();
            codes.put(code, new Grant(query.get("code_challenge"), query.get("nonce"), redirectUri, setup.path("user")));
            back.put("code", code);
        }
        back.put("state", query.get("state"));
        back.put("iss", issuer);
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        back.forEach((name, value) -> location.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String grantType = form.getOrDefault("grant_type", "");
        Grant grant;
        if (grantType.equals("authorization_code")) {
            count("exchanges");
            grant = codes.remove(form.getOrDefault("code", ""));
            List<String> faults = new ArrayList<>();
            check(faults, grant != null, "a code issued and not used yet");
            check(faults, CLIENT_ID.equals(form.get("client_id")), "client_id");
            check(faults, grant == null || grant.redirectUri().equals(form.get("redirect_uri")), "redirect_uri");
            check(faults, grant == null || grant.challenge().equals(s256(form.getOrDefault("code_verifier", ""))),
                    "code_verifier matching the code_challenge (S256)");
            if (!faults.isEmpty()) {
                faults.forEach(fault -> problem("token: " + fault));
                send(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant"));
                return;
            }
        } else if (grantType.equals("refresh_token")) {
            count("refreshes");
            grant = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (grant == null || !CLIENT_ID.equals(form.get("client_id"))) {
                problem("token: a refresh token issued and not used yet, for " + CLIENT_ID);
                send(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant"));
                return;
            }
        } else {
            problem("token: grant_type " + grantType);
            send(exchange, 400, JSON.createObjectNode().put("error", "unsupported_grant_type"));
            return;
        }
        JsonNode user = grant.user();
        String username = user.path("username").asText();
        long now = Instant.now().getEpochSecond();
        int expiresIn = setup.path("expiresIn").asInt(300);
        List<String> roles = new ArrayList<>();
        user.path("roles").forEach(role -> roles.add(role.asText()));
        List<String> programs = new ArrayList<>();
        user.path("programs").forEach(program -> programs.add(program.asText()));
        String accessToken = TestIdentityProvider.sign(TestIdentityProvider.keycloakToken(username, roles, programs)
                .issuer(issuer).audience(setup.path("audience").asText(TestIdentityProvider.AUDIENCE))
                .expiresAt(now + expiresIn));
        String refreshToken = random();
        refreshTokens.put(refreshToken, grant);
        ObjectNode answer = JSON.createObjectNode().put("access_token", accessToken).put("token_type", "Bearer")
                .put("expires_in", expiresIn).put("refresh_token", refreshToken).put("scope", "openid");
        if (grantType.equals("authorization_code")) {
            answer.put("id_token", TestIdentityProvider.sign(Jwt.claims().issuer(issuer).audience(CLIENT_ID)
                    .subject("sub-" + username).claim("preferred_username", username).claim("nonce", grant.nonce())
                    .issuedAt(now).expiresAt(now + expiresIn)));
        }
        synchronized (issued) {
            issued.add(accessToken);
            issued.add(refreshToken);
        }
        send(exchange, 200, answer);
    }

    private void setUp(JsonNode given) {
        setup = given;
        codes.clear();
        refreshTokens.clear();
        counts.clear();
        synchronized (problems) {
            problems.clear();
        }
        synchronized (issued) {
            issued.clear();
        }
    }

    private ObjectNode state() {
        ObjectNode state = JSON.createObjectNode();
        for (String name : List.of("authorizations", "exchanges", "refreshes")) {
            state.put(name, counts.getOrDefault(name, 0));
        }
        ArrayNode list = state.putArray("problems");
        synchronized (problems) {
            problems.forEach(list::add);
        }
        ArrayNode tokens = state.putArray("issued");
        synchronized (issued) {
            issued.forEach(tokens::add);
        }
        return state;
    }

    private void cors(HttpExchange exchange) {
        String origin = setup.path("origin").asText();
        if (!origin.isEmpty() && origin.equals(exchange.getRequestHeaders().getFirst("Origin"))) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
    }

    private static void check(List<String> faults, boolean holds, String what) {
        if (!holds) {
            faults.add(what);
        }
    }

    private void problem(String text) {
        synchronized (problems) {
            problems.add(text);
        }
    }

    private void count(String name) {
        counts.merge(name, 1, Integer::sum);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Tells the provider at {@code issuer} what to expect and whom to sign in; returns nothing. */
    public static void setUp(String issuer, Map<String, Object> setup) throws IOException, InterruptedException {
        control(issuer, "POST", JSON.writeValueAsString(setup));
    }

    /** What the provider at {@code issuer} did since its last setup: counts, failed checks, issued tokens. */
    public static JsonNode state(String issuer) throws IOException, InterruptedException {
        return JSON.readTree(control(issuer, "GET", null));
    }

    private static String control(String issuer, String method, String body) throws IOException, InterruptedException {
        URI base = URI.create(issuer);
        URI uri = base.resolve(method.equals("POST") ? "/control/setup" : "/control/state");
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri);
        request = body == null ? request.GET() : request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("the fake provider answered " + answer.statusCode());
        }
        return answer.body();
    }
}
