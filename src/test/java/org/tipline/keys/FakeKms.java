package org.tipline.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A KMS for tests, registered in Tink's {@link KmsClients} like any other integration: it
 * serves {@code fake-kms://} URIs, and each URI names its own local AES-256-GCM key, made on
 * first use. A key can be destroyed and made again, and the KMS can be told to refuse or to
 * be unreachable, the way a real one is when permissions or the network fail.
 */
public final class FakeKms implements KmsClient {

    public static final String PREFIX = "fake-kms://";

    /** How the KMS answers calls for one key. */
    public enum Mode {
        ANSWER,
        /** Like AccessDenied: a checked exception from the client. */
        REFUSE,
        /** Encrypts, but refuses to decrypt: an identity allowed Encrypt and not Decrypt. */
        REFUSE_DECRYPT,
        /** Like a network failure that some SDKs throw unchecked. */
        UNREACHABLE
    }

    /** One call the KMS received. */
    public record Call(String keyUri, String operation, int inputBytes, int associatedDataBytes) {
    }

    private static final FakeKms INSTANCE = new FakeKms();
    private static boolean installed;

    private final Map<String, Aead> keys = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeKms() {
    }

    /** Registers the fake KMS with Tink once per JVM, and returns it. */
    public static synchronized FakeKms install() {
        if (!installed) {
            KmsClients.add(INSTANCE);
            installed = true;
        }
        return INSTANCE;
    }

    /** A key URI no other test uses. */
    public static String newKeyUri() {
        return PREFIX + "office/" + UUID.randomUUID();
    }

    public void mode(String keyUri, Mode mode) {
        modes.put(keyUri, mode);
    }

    /** The key under this URI is destroyed and a new one takes its place, as after a deletion and re-creation. */
    public void replaceKey(String keyUri) {
        keys.remove(keyUri);
    }

    public List<Call> calls(String keyUri) {
        return calls.stream().filter(call -> call.keyUri().equals(keyUri)).toList();
    }

    @Override
    public boolean doesSupport(String keyUri) {
        return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
        return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    @Override
    public Aead getAead(String keyUri) {
        return new Aead() {
            @Override
            public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
                calls.add(new Call(keyUri, "encrypt", plaintext.length, associatedData.length));
                Mode mode = modes.getOrDefault(keyUri, Mode.ANSWER);
                check(mode);
                return key(keyUri).encrypt(plaintext, associatedData);
            }

            @Override
            public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
                calls.add(new Call(keyUri, "decrypt", ciphertext.length, associatedData.length));
                Mode mode = modes.getOrDefault(keyUri, Mode.ANSWER);
                check(mode);
                if (mode == Mode.REFUSE_DECRYPT) {
                    throw new GeneralSecurityException("decryption failed", new SecurityException("not allowed"));
                }
                return key(keyUri).decrypt(ciphertext, associatedData);
            }
        };
    }

    private static void check(Mode mode) throws GeneralSecurityException {
        if (mode == Mode.REFUSE) {
            throw new GeneralSecurityException("refused", new SecurityException("not allowed"));
        }
        if (mode == Mode.UNREACHABLE) {
            throw new UncheckedIOException(new ConnectException("Connection refused"));
        }
    }

    private Aead key(String keyUri) throws GeneralSecurityException {
        Aead key = keys.get(keyUri);
        if (key == null) {
            key = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get())
                    .getPrimitive(AeadConfig2026.get(), Aead.class);
            Aead raced = keys.putIfAbsent(keyUri, key);
            key = raced != null ? raced : key;
        }
        return key;
    }
}
