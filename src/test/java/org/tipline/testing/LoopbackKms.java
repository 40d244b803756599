package org.tipline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for a cloud KMS on 127.0.0.1, so that the real AWS and Google SDKs, as tipline
 * packages them, can be driven end to end without any network: it keeps one AES-256-GCM
 * key, and each subclass speaks one KMS's wire protocol. It can be told to refuse, like a
 * KMS without the permission, and it records what it was asked.
 */
public abstract class LoopbackKms implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Aead key;
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    /** One request as the KMS received it: its operation, headers and JSON body. */
    public record Request(String operation, String target, String contentType, String authorization, JsonNode body) {
    }

    protected LoopbackKms() throws Exception {
        this(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get())
                .getPrimitive(AeadConfig2026.get(), Aead.class));
    }

    /** A KMS whose one key is {@code key}, so that what it encrypted once can be decrypted by a later run. */
    protected LoopbackKms(Aead key) throws Exception {
        this.key = key;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** The operations answered, for example {@code encrypt}, {@code decrypt}. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Every request received, in order, refused ones included. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The operation a request asks for ({@code encrypt} or {@code decrypt}), or null. */
    protected abstract String operation(HttpExchange exchange);

    /** Answers an operation; {@code body} is the request's JSON. */
    protected abstract String answer(String operation, JsonNode body, Aead key) throws Exception;

    /** The refusal of a caller without permission: status and JSON body. */
    protected abstract int refusalStatus();

    protected abstract String refusalBody();

    protected static byte[] decode(String base64) {
        String urlSafe = base64.replace('+', '-').replace('/', '_').replace("=", "");
        return Base64.getUrlDecoder().decode(urlSafe);
    }

    protected static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                // Google's HTTP client compresses request bodies.
                request = new GZIPInputStream(new ByteArrayInputStream(request)).readAllBytes();
            }
            JsonNode body = JSON.readTree(request);
            String operation = operation(exchange);
            requests.add(new Request(operation, exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            int status;
            String answer;
            if (refusing) {
                status = refusalStatus();
                answer = refusalBody();
            } else {
                try {
                    answer = answer(operation, body, key);
                    status = 200;
                    operations.add(operation);
                } catch (Exception e) {
                    status = 400;
                    answer = "{\"__type\":\"InvalidCiphertextException\",\"error\":{\"code\":400,"
                            + "\"message\":\"Decryption failed\",\"status\":\"INVALID_ARGUMENT\"}}";
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
