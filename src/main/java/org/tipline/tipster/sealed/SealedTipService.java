package org.tipline.tipster.sealed;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.tipline.crypto.BindingToken;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedEnvelope;
import org.tipline.platform.privacy.CoarseClock;
import org.tipline.platform.refusal.SealedTipRefused;
import org.tipline.platform.refusal.SealedTipRefused.Reason;
import org.tipline.tipster.channel.ActiveChannel;
import org.tipline.tipster.channel.ChannelDirectory;
import org.tipline.tipster.followup.TipsterKdf;
import org.tipline.tipster.intake.IntakeService;
import org.tipline.tipster.intake.NewTip;
import org.tipline.tipster.proof.ProofOfWork;
import org.tipline.tipster.proof.TipLoad;

/**
 * Takes a tip a front end sealed itself: checks the envelope's form, the office key it names,
 * its binding and the proof-of-work, then stores it as it came, in the rows of any other tip
 * (format version 2). No Argon2id and no seal happen here: intake never holds the tip, the
 * passphrase or the dialogue key. Every refusal comes before the insert, and the insert
 * itself spends the binding: the tip id is the row's primary key. docs/crypto.md, section 8.
 */
@ApplicationScoped
public class SealedTipService {

    /** The envelope format with a passphrase sign-in (a verifier): intake derives at each sign-in. */
    static final int PASSPHRASE_ENVELOPE = 1;
    /** The envelope format with a sealed sign-in (an Ed25519 public key): intake never derives. */
    static final int SEALED_ENVELOPE = 2;
    /** A version-2 tip's Argon2id memory bound, in KiB: the tipster's device pays it, never intake. */
    static final int MAX_SEALED_KDF_MEMORY_KIB = 1_048_576;
    /**
     * The most Argon2id work (KiB × passes) a front end may store for its passphrase: a sign-in
     * still derives on intake, so a sealed tip must not make that dearer than an office login.
     */
    static final long MAX_KDF_WORK = 19_456;

    private final OfficePublicKey officeKey;
    private final IntakeService intake;
    private final ChannelDirectory channels;
    private final ProofOfWork proofs;
    private final TipLoad load;
    private final CoarseClock clock;

    public SealedTipService(OfficePublicKey officeKey, IntakeService intake, ChannelDirectory channels,
            ProofOfWork proofs, TipLoad load, CoarseClock clock) {
        this.officeKey = officeKey;
        this.intake = intake;
        this.channels = channels;
        this.proofs = proofs;
        this.load = load;
        this.clock = clock;
    }

    /** A new binding token: a tip id and reference to seal to, signed and expiring; nothing is written. */
    public Uni<BindingView> binding() {
        ProofOfWork.Issue issue = proofs.issue();
        BindingToken binding = new BindingToken(issue.tipId(), issue.reference(), issue.expires(), issue.generation());
        return proofs.signingKey(issue.generation()).map(key -> {
            if (key == null) {
                throw new IllegalStateException("no signing key for the current generation");
            }
            return new BindingView(binding.tipId().toString(), binding.reference(), binding.expires(),
                    binding.sign(key));
        });
    }

    /**
     * Stores a sealed tip posted with this channel key and proof-of-work header (each null when
     * absent). In this order, each refusal writing nothing: the channel key, the category, the
     * envelope's form and key id, the binding, the channel's quota, the proof-of-work, and the
     * insert (a binding used before).
     */
    public Uni<SealedTipReceipt> submit(SealedTipEnvelope envelope, String channelKey, String proof) {
        ActiveChannel channel = channels.resolve(channelKey);
        intake.requireCategory(envelope.category());
        NewTip tip = checkedTip(envelope, channel);
        return bound(envelope, channel, proof)
                .chain(() -> {
                    load.requireQuota(channel.name(), channel.tipsPerHour());
                    return proofs.checkIf(channel.proofOfWork(), proof);
                })
                // The insert spends the binding (the tip id) and the proof with it.
                .chain(checked -> intake.store(tip, checked, channel, SealedTipService::replayed))
                .map(stored -> new SealedTipReceipt(tip.reference(), CoarseClock.utcDate(tip.receivedAt()).toString()));
    }

    /** The rows to write, once every field has the sealed format's form. */
    private NewTip checkedTip(SealedTipEnvelope envelope, ActiveChannel channel) {
        int version = envelope.version();
        if (version != PASSPHRASE_ENVELOPE && version != SEALED_ENVELOPE) {
            throw malformed("version", "must be " + SEALED_ENVELOPE + " or " + PASSPHRASE_ENVELOPE);
        }
        if (version == SEALED_ENVELOPE && envelope.tipsterVerifier() != null) {
            throw malformed("tipsterVerifier", "is not part of envelope version " + SEALED_ENVELOPE
                    + ", whose tipster signs in with tipsterSignInKey");
        }
        if (version == PASSPHRASE_ENVELOPE && envelope.tipsterSignInKey() != null) {
            throw malformed("tipsterSignInKey", "is not part of envelope version " + PASSPHRASE_ENVELOPE);
        }
        if (!BindingToken.TIP_ID.matcher(envelope.tipId()).matches()) {
            throw malformed("tipId", "must be the binding's tip id, a lower-case UUID");
        }
        if (!BindingToken.REFERENCE.matcher(envelope.reference()).matches()) {
            throw malformed("reference", "must be the binding's reference, in canonical form (upper case, four groups of four)");
        }
        SealedEnvelope.Checked sealed;
        try {
            sealed = SealedEnvelope.check(officeKey, envelope.tip(), envelope.officeDialogueKey(),
                    envelope.tipsterVerifier(), envelope.tipsterSignInKey(), envelope.tipsterKey());
        } catch (SealedEnvelope.FormException e) {
            throw refusal(e);
        }
        String kdf = version == SEALED_ENVELOPE ? sealedKdf(envelope.tipsterKdf()) : passphraseKdf(envelope.tipsterKdf());
        Instant receivedAt = clock.now();
        return new NewTip(UUID.fromString(envelope.tipId()), envelope.reference(), channel.program(), channel.name(),
                envelope.category(), receivedAt, sealed.tip(), kdf, sealed.verifier(), sealed.tipsterKey(),
                sealed.officeDialogueKey(), sealed.signInKey());
    }

    /** A version-1 kdf: intake derives with it at every sign-in, so no dearer than an office login. */
    private static String passphraseKdf(String text) {
        TipsterKdf kdf = TipsterKdf.parse(text);
        if (kdf == null || kdf.parallelism() != 1 || (long) kdf.memoryKib() * kdf.iterations() > MAX_KDF_WORK) {
            throw malformed("tipsterKdf", "must be $argon2id$v=19$m=<KiB>,t=<passes>,p=1$<16-byte salt, base64 "
                    + "without padding>, with m from 64 and m × t at most " + MAX_KDF_WORK);
        }
        return kdf.encode();
    }

    /** A version-2 kdf: only the tipster's device derives with it; stored in its canonical text form. */
    private static String sealedKdf(String text) {
        TipsterKdf.Form form = TipsterKdf.Form.parse(text);
        if (form == null || form.parallelism() != 1 || form.memoryKib() < TipsterKdf.MIN_MEMORY_KIB
                || form.memoryKib() > MAX_SEALED_KDF_MEMORY_KIB || form.iterations() < 1
                || form.iterations() > TipsterKdf.MAX_ITERATIONS) {
            throw malformed("tipsterKdf", "must be $argon2id$v=19$m=<KiB>,t=<passes>,p=1$<16-byte salt, base64 "
                    + "without padding>, with m from " + TipsterKdf.MIN_MEMORY_KIB + " to " + MAX_SEALED_KDF_MEMORY_KIB
                    + " and t from 1 to " + TipsterKdf.MAX_ITERATIONS);
        }
        return form.encode();
    }

    /**
     * Checks that the envelope is sealed to a binding tipline issued: the token when there is
     * one; otherwise the tip id and reference in the proof's salt, which the proof's own check
     * then authenticates (so a proof whose salt is not this envelope's is refused before it is
     * spent).
     */
    private Uni<Void> bound(SealedTipEnvelope envelope, ActiveChannel channel, String proof) {
        if (envelope.binding() != null) {
            return tokenBound(envelope);
        }
        if (!channel.proofOfWork()) {
            return Uni.createFrom().failure(new SealedTipRefused(Reason.BINDING_INVALID, "This front end skips the "
                    + "proof-of-work, so the envelope needs a binding token: get one from "
                    + "/api/v1/tips/sealed/binding, seal to its tip id and reference, and send it as binding."));
        }
        if (proof == null || proof.isBlank()) {
            return proofs.check(proof).replaceWithVoid(); // refused as proof-missing
        }
        ProofOfWork.SaltBinding salt = ProofOfWork.saltBinding(proof);
        if (salt == null) {
            // Not a proof at all (refused by the check), or one from a challenge without a binding.
            return proofs.check(proof).chain(() -> Uni.createFrom().failure(notIssued()));
        }
        if (!salt.tipId().equals(envelope.tipId()) || !salt.reference().equals(envelope.reference())) {
            return Uni.createFrom().failure(notIssued());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> tokenBound(SealedTipEnvelope envelope) {
        BindingToken token = BindingToken.parse(envelope.binding());
        if (token == null || !token.tipId().toString().equals(envelope.tipId())
                || !token.reference().equals(envelope.reference())) {
            return Uni.createFrom().failure(notIssued());
        }
        if (!proofs.liveGeneration(token.generation())) {
            return Uni.createFrom().failure(expired());
        }
        return proofs.signingKey(token.generation()).map(key -> {
            if (key == null || !token.signedBy(envelope.binding(), key)) {
                throw notIssued();
            }
            if (!proofs.unexpired(token.expires())) {
                throw expired();
            }
            return null;
        });
    }

    private static SealedTipRefused refusal(SealedEnvelope.FormException e) {
        return switch (e.fault()) {
            case MALFORMED -> malformed(e.field(), "is not of the sealed format (docs/crypto.md, section 8)");
            case TOO_LARGE -> new SealedTipRefused(Reason.TOO_LARGE, "The sealed tip is longer than 65,536 bytes of "
                    + "padded plaintext allow. Shorten the tip.");
            case KEY_UNKNOWN -> new SealedTipRefused(Reason.KEY_UNKNOWN, "The field " + e.field() + " is not sealed to "
                    + "the office's primary key. Fetch /api/v1/office-key again and seal to its primaryKeyId.");
        };
    }

    private static SealedTipRefused malformed(String field, String rule) {
        return new SealedTipRefused(Reason.MALFORMED, "The field " + field + " " + rule + ".");
    }

    private static SealedTipRefused notIssued() {
        return new SealedTipRefused(Reason.BINDING_INVALID, "The envelope's tipId and reference are not a binding this "
                + "service issued: seal to the t and r of the X-Tipline-Proof challenge's salt, or to a binding from "
                + "/api/v1/tips/sealed/binding sent as binding.");
    }

    private static SealedTipRefused expired() {
        return new SealedTipRefused(Reason.BINDING_EXPIRED, "The binding has expired. Get a new one, seal the tip "
                + "again to it and send it again.");
    }

    private static SealedTipRefused replayed() {
        return new SealedTipRefused(Reason.BINDING_REPLAYED, "This binding was already used for a tip. Get a new one, "
                + "seal the tip again to it and send it again.");
    }
}
