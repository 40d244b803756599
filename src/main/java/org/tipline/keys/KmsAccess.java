package org.tipline.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reaches the KMS that holds a key-encryption key, through Tink's {@link KmsClients}
 * registry: a client already registered for the key URI is used as it is; otherwise the
 * built-in {@link KmsIntegration} for the URI's scheme makes one, which is then registered
 * for the rest of the process (the review role unlocks twice at start: the early check,
 * then the service).
 *
 * <p>The client made for a key keeps the credentials it was made with. No credentials pass
 * through tipline unless a credentials file is named, and then only its path does.
 *
 * <p>Every failure to reach or use the KMS becomes a {@link KekUnavailableException} with
 * one line that names the key and the kind of failure, never the SDK's message.
 */
public final class KmsAccess {

    private static final List<KmsIntegration> BUILT_IN = List.of(new AwsKmsIntegration(), new GcpKmsIntegration());
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");
    private static final Object REGISTRATION = new Object();

    private final Optional<Path> credentialsFile;

    /**
     * @param credentialsFile credentials for the built-in integrations instead of the
     *                        platform's default chain: an AWS properties file
     *                        ({@code accessKey}, {@code secretKey}) or a Google
     *                        service-account JSON key
     */
    public KmsAccess(Optional<Path> credentialsFile) {
        this.credentialsFile = credentialsFile;
    }

    /** Credentials from the platform's default chain. */
    public static KmsAccess defaultCredentials() {
        return new KmsAccess(Optional.empty());
    }

    /** The URI schemes tipline reaches without any extra client, for messages and docs. */
    static String builtInSchemes() {
        StringBuilder out = new StringBuilder();
        for (KmsIntegration integration : BUILT_IN) {
            out.append(out.length() == 0 ? "" : " and ").append(integration.uriPrefix())
                    .append(" (").append(integration.name()).append(")");
        }
        return out.toString();
    }

    /**
     * The KMS's own AEAD for this key: each call is a request to the KMS, which does the
     * encryption with a key that never leaves it.
     *
     * @throws IllegalArgumentException when no integration serves the URI's scheme
     * @throws KekUnavailableException  when no client can be made (credentials missing or unreadable)
     */
    Aead remoteAead(KmsKeyUri key) throws KekUnavailableException {
        Registered registered = client(key);
        Aead remote;
        try {
            remote = registered.client().getAead(key.value());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KekUnavailableException("the KMS key " + key + " cannot be used: the KMS client refused its URI ("
                    + name(registered.integration(), e) + ")");
        }
        return new Guarded(remote, key, registered.integration());
    }

    private record Registered(KmsClient client, KmsIntegration integration) {
    }

    /** One client per key URI in the whole process, however many KmsAccess objects ask for it. */
    private Registered client(KmsKeyUri key) throws KekUnavailableException {
        synchronized (REGISTRATION) {
            return clientLocked(key);
        }
    }

    private Registered clientLocked(KmsKeyUri key) throws KekUnavailableException {
        Optional<KmsIntegration> integration = BUILT_IN.stream()
                .filter(candidate -> key.value().startsWith(candidate.uriPrefix())).findFirst();
        try {
            return new Registered(KmsClients.get(key.value()), integration.orElse(null));
        } catch (GeneralSecurityException noneYet) {
            // Tink says so when no registered client supports the URI: make one below.
        }
        if (integration.isEmpty()) {
            throw new IllegalArgumentException("tipline has no KMS integration for " + key.scheme() + ":// keys; it reaches "
                    + builtInSchemes());
        }
        if (credentialsFile.isPresent() && !Files.isReadable(credentialsFile.get())) {
            throw new KekUnavailableException("the KMS credentials file " + credentialsFile.get() + " cannot be read");
        }
        KmsClient client;
        try {
            client = integration.get().client(key, credentialsFile);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KekUnavailableException("no usable credentials for the KMS key " + key + " were found ("
                    + name(integration.get(), e) + ")");
        } catch (LinkageError e) {
            throw new KekUnavailableException("the " + integration.get().name() + " integration is not part of this "
                    + "build of tipline");
        }
        KmsClients.add(client);
        return new Registered(client, integration.get());
    }

    /** The innermost cause, named by the integration; anything odd is replaced, so the line stays one line. */
    private static String name(KmsIntegration integration, Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String name;
        try {
            name = integration == null ? innermost.getClass().getSimpleName() : integration.failureName(innermost);
        } catch (RuntimeException | LinkageError e) {
            name = innermost.getClass().getSimpleName();
        }
        return name != null && PRINTABLE_NAME.matcher(name).matches() ? name : innermost.getClass().getSimpleName();
    }

    /**
     * Turns every failure of the KMS call into a {@link KekUnavailableException}, so that
     * "the KMS did not answer or said no" is never mistaken for "the file is damaged". Some
     * SDKs throw unchecked exceptions for network failures; those are caught here too.
     */
    private record Guarded(Aead remote, KmsKeyUri key, KmsIntegration integration) implements Aead {

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            try {
                return remote.encrypt(plaintext, associatedData);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw refused(e);
            }
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            try {
                return remote.decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw refused(e);
            }
        }

        private KekUnavailableException refused(Exception e) {
            return new KekUnavailableException("the KMS key " + key + " is not reachable or refused ("
                    + name(integration, e) + ")");
        }

        @Override
        public String toString() {
            return "KmsAccess.Guarded[" + key + "]";
        }
    }
}
