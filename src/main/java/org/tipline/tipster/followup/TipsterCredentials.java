package org.tipline.tipster.followup;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.platform.config.TiplineConfig;

/**
 * Makes a tip's follow-up credentials at submission, and checks them at sign-in. Both run
 * one Argon2id derivation on a {@link KdfWorkers} thread. A sign-in for an unknown tip, or
 * for one whose tipster erased their access, derives from a decoy with the current
 * parameters, so it costs what a real one costs.
 */
@Startup
@ApplicationScoped
public class TipsterCredentials {

    private final KdfWorkers workers;
    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;

    public TipsterCredentials(KdfWorkers workers, TiplineConfig config) {
        this.workers = workers;
        this.memoryKib = config.followup().kdfMemoryKib();
        this.iterations = config.followup().kdfIterations();
        try {
            TipsterKdf.fresh(memoryKib, iterations, random);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tipline cannot start: tipline.followup.kdf-*: " + e.getMessage(), null);
        }
    }

    /** A fresh passphrase and dialogue key for a new tip, the key wrapped under the passphrase. */
    public Uni<NewCredentials> create(UUID tipId, String reference) {
        return workers.run(() -> make(tipId, reference, memoryKib, iterations, random));
    }

    /**
     * The work of {@link #create}, on the calling thread: a passphrase, its Argon2id, a dialogue
     * key and its wrap. bench/cost.sh times exactly this, with the two seals, as the floor of
     * what a plain tip costs.
     */
    public static NewCredentials make(UUID tipId, String reference, int memoryKib, int iterations,
            SecureRandom random) {
        String passphrase = TipsterPassphrase.generate(random);
        TipsterKdf kdf = TipsterKdf.fresh(memoryKib, iterations, random);
        TipsterSecrets secrets = TipsterSecrets.from(kdf.derive(passphrase));
        DialogueKey dialogueKey = DialogueKey.generate();
        byte[] wrapped = secrets.wrappingKey().seal(dialogueKey.bytes(), Bindings.tipsterDialogueKey(tipId, reference));
        return new NewCredentials(passphrase, kdf.encode(), secrets.verifier(), wrapped, dialogueKey);
    }

    /**
     * The dialogue key, when the passphrase opens this tip's mailbox; null otherwise. A null
     * {@code stored} (no such tip) is checked against a decoy at the same cost.
     */
    public Uni<DialogueKey> open(StoredCredentials stored, String canonicalPassphrase) {
        return workers.run(() -> {
            TipsterKdf kdf = stored == null ? null : TipsterKdf.parse(stored.kdf());
            boolean real = kdf != null && stored.verifier() != null && stored.wrappedKey() != null;
            if (!real) {
                kdf = TipsterKdf.fresh(memoryKib, iterations, random);
            }
            TipsterSecrets secrets = TipsterSecrets.from(kdf.derive(canonicalPassphrase));
            if (!real || !secrets.matches(stored.verifier())) {
                return null;
            }
            try {
                return DialogueKey.of(secrets.wrappingKey().open(stored.wrappedKey(),
                        Bindings.tipsterDialogueKey(stored.tipId(), stored.reference())));
            } catch (GeneralSecurityException e) {
                // The verifier matched but the wrapped key is not this tip's: the row was altered.
                return null;
            }
        });
    }

    /** What a new tip stores for follow-up; the passphrase is only shown, never stored. */
    public record NewCredentials(String passphrase, String kdf, byte[] verifier, byte[] tipsterKey,
            DialogueKey dialogueKey) {

        @Override
        public String toString() {
            return "NewCredentials[redacted]";
        }
    }

    /** A tip's stored follow-up credentials. */
    public record StoredCredentials(UUID tipId, String reference, String kdf, byte[] verifier, byte[] wrappedKey) {
    }
}
