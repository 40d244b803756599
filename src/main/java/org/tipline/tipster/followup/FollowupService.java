package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.MessageSealing;
import org.tipline.crypto.RewardSealing;
import org.tipline.crypto.SessionTokens;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.CoarseClock;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.Refusal;
import org.tipline.platform.refusal.SignInFailed;
import org.tipline.platform.refusal.TooManyAttempts;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.platform.storage.StoreDeadline;
import org.tipline.tip.DialogueState;
import org.tipline.tip.RewardStatus;
import org.tipline.tip.TipsterStatus;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The tipster's mailbox: sign-in with the reference and passphrase (or a session token),
 * the thread, replies, the reward, and erasing their own access.
 *
 * <p>Every way a credential can fail (unknown reference, wrong passphrase, erased access,
 * expired token, malformed header) ends in the same 401 body. A passphrase attempt always
 * costs one Argon2id derivation and a lookup by reference, found or not.
 */
@ApplicationScoped
public class FollowupService {

    private final FollowupRepository repository;
    private final TipsterCredentials credentials;
    private final GuessingThrottle throttle;
    private final CoarseClock clock;
    private final Duration sessionTtl;
    private final SecureRandom random = new SecureRandom();
    private final ProofOfWork proofs;
    private final boolean signinsNeedProof;

    public FollowupService(FollowupRepository repository, TipsterCredentials credentials, GuessingThrottle throttle,
            CoarseClock clock, TiplineConfig config, ProofOfWork proofs) {
        this.repository = repository;
        this.credentials = credentials;
        this.throttle = throttle;
        this.clock = clock;
        this.sessionTtl = config.followup().sessionTtl();
        this.proofs = proofs;
        this.signinsNeedProof = config.proofOfWork().signins();
    }

    /**
     * A tip whose mailbox the caller has opened, with its dialogue key; the key is null for a
     * sealed session, whose browser holds it ({@link SealedFollowupService}).
     */
    record Opened(UUID tipId, String reference, DialogueKey key) {

        /** The key, or the refusal of a sealed session on an endpoint that needs the key here. */
        DialogueKey requireKey() {
            if (key == null) {
                throw new Conflict(Conflict.Kind.SEALED_SESSION, "This is a sealed session: the mailbox opens in "
                        + "your browser. Read it with GET /api/v1/followup/sealed and answer with "
                        + "POST /api/v1/followup/sealed/messages.");
            }
            return key;
        }
    }

    /**
     * Checks the credential; fails with 401 (or 429 when the guessing budget is spent). A
     * passphrase must come with a solved proof-of-work ({@code proof}, the X-Tipline-Proof
     * header) when tipline.proof-of-work.signins is on: it is spent before the guessing budget
     * is charged and before any lookup or Argon2id. A session token needs none.
     */
    Uni<Opened> open(String authorization, String proof) {
        TipsterAuthorization credential = TipsterAuthorization.parse(authorization);
        if (credential instanceof TipsterAuthorization.Passphrase passphrase) {
            return proofs.spendIf(signinsNeedProof, proof).chain(() -> openWithPassphrase(passphrase));
        }
        if (credential instanceof TipsterAuthorization.SessionToken session) {
            return openWithToken(session.token());
        }
        return Uni.createFrom().failure(unauthorized());
    }

    private Uni<Opened> openWithPassphrase(TipsterAuthorization.Passphrase credential) {
        return throttled(credential.reference(), () -> guarded(repository.credentials(credential.reference()))
                .chain(stored -> credentials.open(stored, credential.passphrase())
                        .map(key -> key == null ? null : new Opened(stored.tipId(), stored.reference(), key))));
    }

    /**
     * A sign-in attempt on {@code reference} under the guessing throttle: a token of the budget
     * is reserved first (429 when none is left); an attempt that ends in null failed, is
     * counted against the reference and answered with the one 401, held when the reference has
     * failed often. Passphrase and sealed sign-ins count alike.
     */
    <T> Uni<T> throttled(String reference, java.util.function.Supplier<Uni<T>> attempt) {
        return throttle.reserve().chain(wait -> {
            if (!wait.isZero()) {
                return Uni.createFrom().failure(tooManyAttempts(wait));
            }
            return attempt.get().chain(opened -> {
                if (opened != null) {
                    return throttle.succeeded(reference).replaceWith(opened);
                }
                return throttle.failed(reference).chain(hold -> {
                    Uni<T> refusal = Uni.createFrom().failure(unauthorized());
                    return hold.isZero() ? refusal
                            : Uni.createFrom().voidItem().onItem().delayIt().by(hold).chain(() -> refusal);
                });
            });
        });
    }

    Uni<Opened> openWithToken(String token) {
        return guarded(repository.session(SessionTokens.hash(token))).map(session -> {
            if (session == null) {
                throw unauthorized();
            }
            if (session.sealedKey() == null) {
                return new Opened(session.tipId(), session.reference(), null);
            }
            try {
                byte[] key = sessionKey(token).open(session.sealedKey(), Bindings.sessionDialogueKey(session.tipId()));
                return new Opened(session.tipId(), session.reference(), DialogueKey.of(key));
            } catch (GeneralSecurityException e) {
                throw unauthorized();
            }
        });
    }

    /** Signs in with the passphrase and returns a short-lived token. */
    public Uni<FollowupViews.Session> startSession(String authorization, String proof) {
        if (!(TipsterAuthorization.parse(authorization) instanceof TipsterAuthorization.Passphrase)) {
            return Uni.createFrom().failure(unauthorized());
        }
        return open(authorization, proof).chain(opened -> {
            String token = SessionTokens.newToken(TipsterAuthorization.TOKEN_PREFIX, random);
            byte[] sealedKey = sessionKey(token).seal(opened.requireKey().bytes(),
                    Bindings.sessionDialogueKey(opened.tipId()));
            // To the minute: the stored expiry should not tell when the tipster came back.
            Instant expiresAt = Instant.now().plus(sessionTtl).truncatedTo(ChronoUnit.MINUTES);
            return guarded(repository.createSession(SessionTokens.hash(token), opened.tipId(), sealedKey, expiresAt))
                    .replaceWith(new FollowupViews.Session(token, expiresAt.toString()));
        });
    }

    /** Ends a session token at once. Unknown tokens are fine: the answer is the same. */
    public Uni<Void> endSession(String authorization) {
        if (!(TipsterAuthorization.parse(authorization) instanceof TipsterAuthorization.SessionToken session)) {
            return Uni.createFrom().failure(unauthorized());
        }
        return guarded(repository.endSession(SessionTokens.hash(session.token())));
    }

    public Uni<FollowupViews.Mailbox> mailbox(String authorization, String proof) {
        return open(authorization, proof).invoke(Opened::requireKey)
                .chain(opened -> guarded(repository.mailbox(opened.tipId())).map(mailbox -> {
            if (mailbox == null) {
                throw unauthorized();
            }
            return view(opened, mailbox);
        }));
    }

    public Uni<FollowupViews.MessageReceipt> reply(String authorization, String proof, String text) {
        return open(authorization, proof).invoke(Opened::requireKey).chain(opened -> {
            Instant sentAt = clock.now();
            return guarded(repository.appendTipsterMessage(opened.tipId(), sentAt,
                    number -> MessageSealing.seal(opened.key(), opened.tipId(), number, MessageSealing.TIPSTER, text)))
                    .map(number -> {
                        if (number == null) {
                            throw new Conflict("The office has closed this conversation; no more messages can be sent.");
                        }
                        return new FollowupViews.MessageReceipt(number, sentAt.toString());
                    });
        });
    }

    /**
     * Erases the tipster's copy of the dialogue key and the passphrase verifier (or the sealed
     * sign-in key), and ends every session of the tip: from now on this reference and
     * passphrase open nothing. Any session may erase, sealed or not.
     */
    public Uni<Void> eraseAccess(String authorization, String proof) {
        return open(authorization, proof).chain(opened -> guarded(repository.eraseTipsterAccess(opened.tipId())));
    }

    private FollowupViews.Mailbox view(Opened opened, FollowupRepository.Mailbox mailbox) {
        List<FollowupViews.Message> messages = new ArrayList<>();
        for (FollowupRepository.StoredMessage message : mailbox.messages()) {
            String text;
            try {
                text = MessageSealing.open(opened.key(), opened.tipId(), message.number(), message.sender(),
                        message.formatVersion(), message.ciphertext());
            } catch (GeneralSecurityException e) {
                text = null;
            }
            messages.add(new FollowupViews.Message(message.number(), message.sender(), message.sentAt().toString(), text));
        }
        boolean open = mailbox.dialogueState() == DialogueState.OPEN;
        boolean awaitingTipster = open && !messages.isEmpty()
                && MessageSealing.OFFICE.equals(messages.get(messages.size() - 1).from());
        return new FollowupViews.Mailbox(opened.reference(), TipsterStatus.of(mailbox.status(), awaitingTipster),
                mailbox.dialogueState(), reward(opened, mailbox.reward()), messages);
    }

    private static FollowupViews.Reward reward(Opened opened, FollowupRepository.StoredReward reward) {
        if (reward == null) {
            return null;
        }
        String instructions = null;
        String payoutCode = null;
        try {
            RewardSealing.TipsterView view = RewardSealing.open(opened.key(), opened.tipId(), reward.formatVersion(),
                    reward.tipsterView());
            instructions = view.instructions();
            payoutCode = reward.status() == RewardStatus.APPROVED ? view.payoutCode() : null;
        } catch (GeneralSecurityException e) {
            // Altered row: the tipster still sees the decision, not a code that could be wrong.
        }
        return new FollowupViews.Reward(reward.status(), reward.amount(), reward.currency(), instructions, payoutCode);
    }

    private static DialogueKey sessionKey(String token) {
        return DialogueKey.derive(token.getBytes(StandardCharsets.US_ASCII), Bindings.FOLLOWUP_SESSION_KEY);
    }

    /** Database trouble becomes 503 with Retry-After, and a hung database does not hang the tipster. */
    static <T> Uni<T> guarded(Uni<T> query) {
        return StoreDeadline.within(query)
                .onFailure(e -> !(e instanceof Refusal)).transform(StorageUnavailableException::new);
    }

    /** The one answer for every credential that does not open a mailbox. */
    static SignInFailed unauthorized() {
        return new SignInFailed(SignInFailed.Who.TIPSTER,
                "The tip reference and passphrase, or the session token, do not open a mailbox.");
    }

    private static TooManyAttempts tooManyAttempts(Duration wait) {
        return new TooManyAttempts(wait,
                "Too many failed sign-ins across the service; try again after the Retry-After delay.");
    }
}
