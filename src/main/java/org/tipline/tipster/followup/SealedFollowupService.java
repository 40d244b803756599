package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.MessageSealing;
import org.tipline.crypto.SealedSignIn;
import org.tipline.crypto.SessionTokens;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.CoarseClock;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.SealedTipRefused;
import org.tipline.tip.DialogueState;
import org.tipline.tip.TipReference;
import org.tipline.tip.TipsterStatus;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The sealed follow-up (docs/crypto.md, section 8): the tipster's browser derives from the
 * passphrase, signs in with an Ed25519 signature over a fresh proof-of-work challenge, opens
 * the dialogue key and the messages, and seals its answers. Intake holds the public key and
 * the ciphertexts only: no passphrase, no dialogue key, no message in clear ever passes here.
 * Sign-ins are throttled and answered exactly like passphrase sign-ins ({@link FollowupService}).
 */
@ApplicationScoped
public class SealedFollowupService {

    static final String SEALED = "sealed";
    static final String PASSPHRASE = "passphrase";

    private final FollowupRepository repository;
    private final FollowupService followup;
    private final SealedDecoys decoys;
    private final ProofOfWork proofs;
    private final CoarseClock clock;
    private final Duration sessionTtl;
    private final SecureRandom random = new SecureRandom();

    public SealedFollowupService(FollowupRepository repository, FollowupService followup, SealedDecoys decoys,
            ProofOfWork proofs, CoarseClock clock, TiplineConfig config) {
        this.repository = repository;
        this.followup = followup;
        this.decoys = decoys;
        this.proofs = proofs;
        this.clock = clock;
        this.sessionTtl = config.followup().sessionTtl();
    }

    /**
     * How a reference signs in: a sealed tip's stored kdf, "passphrase" for a tip with a
     * verifier, and for any other reference a decoy that looks like a sealed tip's.
     */
    public Uni<SealedFollowupViews.Kdf> kdf(String typedReference) {
        String reference = reference(typedReference);
        return FollowupService.guarded(repository.sealedCredentials(reference)).chain(stored -> {
            if (stored != null && stored.signInKey() != null && stored.tipsterKey() != null
                    && TipsterKdf.Form.parse(stored.kdf()) != null) {
                return Uni.createFrom().item(new SealedFollowupViews.Kdf(SEALED, stored.kdf()));
            }
            if (stored != null && stored.passphrase()) {
                return Uni.createFrom().item(new SealedFollowupViews.Kdf(PASSPHRASE, null));
            }
            return FollowupService.guarded(decoys.kdf(reference)).map(kdf -> new SealedFollowupViews.Kdf(SEALED, kdf));
        });
    }

    /**
     * Signs in with an Ed25519 signature over the reference and the challenge of the proof sent
     * with it. The proof is always required, and spent before the guessing budget is charged;
     * an unknown reference, a tip without a sealed sign-in and a bad signature get the one 401,
     * after the same lookup and one verification each.
     */
    public Uni<SealedFollowupViews.Session> startSession(SealedFollowupViews.SignInRequest request, String proof) {
        String reference = reference(request.reference());
        byte[] signature = signature(request.signature());
        return proofs.spend(proof).chain(() -> {
            String challenge = ProofOfWork.challengeOf(proof);
            return followup.throttled(reference, () -> FollowupService.guarded(repository.sealedCredentials(reference))
                    .map(stored -> {
                        byte[] key = stored == null || stored.tipsterKey() == null ? null : stored.signInKey();
                        boolean valid = SealedSignIn.verify(key, reference, challenge, signature);
                        return valid ? stored : null;
                    }));
        }).chain(stored -> {
            String token = SessionTokens.newToken(TipsterAuthorization.TOKEN_PREFIX, random);
            Instant expiresAt = Instant.now().plus(sessionTtl).truncatedTo(ChronoUnit.MINUTES);
            return FollowupService.guarded(repository.createSession(SessionTokens.hash(token), stored.tipId(), null,
                    expiresAt)).replaceWith(new SealedFollowupViews.Session(token, expiresAt.toString(),
                    stored.tipId().toString(), Base64.getEncoder().encodeToString(stored.tipsterKey())));
        });
    }

    /** The mailbox as ciphertexts, for any live session token. */
    public Uni<SealedFollowupViews.Mailbox> mailbox(String authorization) {
        return token(authorization).chain(opened -> FollowupService.guarded(repository.mailbox(opened.tipId()))
                .map(mailbox -> {
                    if (mailbox == null) {
                        throw FollowupService.unauthorized();
                    }
                    return view(opened, mailbox);
                }));
    }

    /** Stores a message the browser sealed as the next number, after checking its length's form. */
    public Uni<FollowupViews.MessageReceipt> reply(String authorization, SealedFollowupViews.NewMessage message) {
        return token(authorization).chain(opened -> {
            byte[] ciphertext = ciphertext(message.ciphertext());
            Instant sentAt = clock.now();
            return FollowupService.guarded(repository.appendSealedTipsterMessage(opened.tipId(), message.number(),
                    sentAt, (short) Bindings.DIALOGUE_FORMAT_VERSION, ciphertext)).map(result -> {
                        if (result == FollowupRepository.SealedAppend.CLOSED) {
                            throw new Conflict("The office has closed this conversation; no more messages can be sent.");
                        }
                        if (result == FollowupRepository.SealedAppend.NUMBER_TAKEN) {
                            throw new Conflict(Conflict.Kind.MESSAGE_NUMBER_TAKEN, "The number is not the next one: "
                                    + "read the mailbox again, seal the message to its nextNumber and send it again.");
                        }
                        return new FollowupViews.MessageReceipt(message.number(), sentAt.toString());
                    });
        });
    }

    private Uni<FollowupService.Opened> token(String authorization) {
        if (!(TipsterAuthorization.parse(authorization) instanceof TipsterAuthorization.SessionToken session)) {
            return Uni.createFrom().failure(FollowupService.unauthorized());
        }
        return followup.openWithToken(session.token());
    }

    private static SealedFollowupViews.Mailbox view(FollowupService.Opened opened, FollowupRepository.Mailbox mailbox) {
        Base64.Encoder b64 = Base64.getEncoder();
        List<SealedFollowupViews.Message> messages = new ArrayList<>();
        int last = 0;
        for (FollowupRepository.StoredMessage message : mailbox.messages()) {
            messages.add(new SealedFollowupViews.Message(message.number(), message.sender(),
                    message.sentAt().toString(), b64.encodeToString(message.ciphertext())));
            last = Math.max(last, message.number());
        }
        boolean open = mailbox.dialogueState() == DialogueState.OPEN;
        boolean awaitingTipster = open && !messages.isEmpty()
                && MessageSealing.OFFICE.equals(messages.get(messages.size() - 1).from());
        FollowupRepository.StoredReward stored = mailbox.reward();
        SealedFollowupViews.Reward reward = stored == null ? null : new SealedFollowupViews.Reward(stored.status(),
                stored.amount(), stored.currency(),
                stored.tipsterView() == null ? null : b64.encodeToString(stored.tipsterView()));
        return new SealedFollowupViews.Mailbox(opened.reference(), opened.tipId().toString(),
                TipsterStatus.of(mailbox.status(), awaitingTipster), mailbox.dialogueState(),
                Bindings.DIALOGUE_FORMAT_VERSION, last + 1, reward, messages);
    }

    private static String reference(String typed) {
        String reference = TipReference.normalize(typed);
        if (reference == null) {
            throw new InvalidField("reference", "must be a tip reference such as TIP-XXXX-XXXX-XXXX-XXXX");
        }
        return reference;
    }

    private static byte[] signature(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length == SealedSignIn.SIGNATURE_BYTES) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidField("signature", "must be a 64-byte Ed25519 signature in base64");
    }

    private static byte[] ciphertext(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        MessageSealing.Form form = MessageSealing.formOf(bytes);
        if (form == MessageSealing.Form.TOO_LARGE) {
            throw new SealedTipRefused(SealedTipRefused.Reason.TOO_LARGE, "The sealed message is longer than the "
                    + "longest message (" + MessageSealing.MAX_TEXT + " characters) allows. Shorten it.");
        }
        if (form != MessageSealing.Form.OK) {
            throw malformed();
        }
        return bytes;
    }

    private static SealedTipRefused malformed() {
        return new SealedTipRefused(SealedTipRefused.Reason.MALFORMED, "The field ciphertext must be base64 of an "
                + "AES-256-GCM message of 28 bytes plus a multiple of 256 (docs/crypto.md, section 8).");
    }
}
