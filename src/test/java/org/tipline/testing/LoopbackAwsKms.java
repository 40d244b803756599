package org.tipline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.Aead;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS KMS on 127.0.0.1, speaking its JSON 1.1 protocol ({@code X-Amz-Target:
 * TrentService.Encrypt|Decrypt}) for one symmetric key. Like AWS KMS, it binds each
 * ciphertext to the request's encryption context, refuses a Decrypt that names another
 * {@code KeyId}, and answers with the key's ARN. It can be told to answer a Decrypt in the
 * name of another key, as a ciphertext swapped for one under another key would be.
 */
public final class LoopbackAwsKms extends LoopbackKms {

    private final String keyArn;
    private volatile String answeringKeyId;

    public LoopbackAwsKms(String keyArn) throws Exception {
        this.keyArn = keyArn;
        this.answeringKeyId = keyArn;
    }

    public LoopbackAwsKms(String keyArn, Aead key) throws Exception {
        super(key);
        this.keyArn = keyArn;
        this.answeringKeyId = keyArn;
    }

    /** The {@code KeyId} that Decrypt answers with from now on. */
    public void answerDecryptAs(String keyId) {
        this.answeringKeyId = keyId;
    }

    @Override
    protected String operation(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        return target == null ? null : target.replace("TrentService.", "").toLowerCase(Locale.ROOT);
    }

    @Override
    protected String answer(String operation, JsonNode body, Aead key) throws Exception {
        byte[] context = context(body.get("EncryptionContext"));
        if ("encrypt".equals(operation)) {
            byte[] blob = key.encrypt(decode(body.get("Plaintext").asText()), context);
            return JSON.createObjectNode().put("CiphertextBlob", encode(blob)).put("KeyId", keyArn)
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT").toString();
        }
        if ("decrypt".equals(operation)) {
            if (body.hasNonNull("KeyId") && !keyArn.equals(body.get("KeyId").asText())) {
                throw new IllegalArgumentException("IncorrectKeyException");
            }
            byte[] plaintext = key.decrypt(decode(body.get("CiphertextBlob").asText()), context);
            return JSON.createObjectNode().put("Plaintext", encode(plaintext)).put("KeyId", answeringKeyId)
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT").toString();
        }
        throw new IllegalArgumentException("not an operation of this KMS");
    }

    /** The encryption context in one canonical form (sorted), so that the ciphertext is bound to it. */
    private static byte[] context(JsonNode encryptionContext) {
        if (encryptionContext == null || encryptionContext.isNull()) {
            return new byte[0];
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = encryptionContext.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            sorted.put(field.getKey(), field.getValue().asText());
        }
        return sorted.isEmpty() ? new byte[0] : sorted.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int refusalStatus() {
        return 400;
    }

    @Override
    protected String refusalBody() {
        return "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform kms:Decrypt\"}";
    }
}
