package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import org.tipline.crypto.SealedSignIn;
import org.tipline.platform.config.TiplineConfig;

/**
 * The decoy kdf of the sealed follow-up's lookup, for a reference without a sealed sign-in
 * (unknown, erased, or with no follow-up): the sealed defaults' cost, and a salt that is the
 * first 16 bytes of HMAC-SHA256 of the reference under the decoy key. The decoy key is 32
 * random bytes in {@code followup_decoy_key}, written once by whichever intake process comes
 * first, so the same reference gets the same decoy from every process, on every day, as a real
 * tip's stored kdf would.
 */
@ApplicationScoped
public class SealedDecoys {

    private final FollowupRepository repository;
    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    public SealedDecoys(FollowupRepository repository, TiplineConfig config) {
        this.repository = repository;
        this.memoryKib = config.followup().sealedKdfMemoryKib();
        this.iterations = config.followup().sealedKdfIterations();
        if (memoryKib < TipsterKdf.MIN_MEMORY_KIB || memoryKib > 1_048_576 || iterations < 1
                || iterations > TipsterKdf.MAX_ITERATIONS) {
            throw new IllegalStateException("tipline cannot start: tipline.followup.sealed-kdf-memory-kib must be from "
                    + TipsterKdf.MIN_MEMORY_KIB + " to 1048576, and sealed-kdf-iterations from 1 to "
                    + TipsterKdf.MAX_ITERATIONS);
        }
    }

    /** The decoy kdf text of a canonical reference. */
    public Uni<String> kdf(String reference) {
        return key().map(decoyKey -> "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$"
                + Base64.getEncoder().withoutPadding().encodeToString(SealedSignIn.decoySalt(decoyKey, reference)));
    }

    private Uni<byte[]> key() {
        byte[] known = key;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        byte[] fresh = new byte[SealedSignIn.DECOY_KEY_BYTES];
        random.nextBytes(fresh);
        return repository.decoyKey(fresh).invoke(stored -> key = stored);
    }
}
