package org.tipline.office.signin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SessionTokens;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.staff.PasswordHasher;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerRepository;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.office.staff.Totp;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.SignInFailed;
import org.tipline.platform.refusal.TooManyAttempts;

/**
 * Office logins: username, password (Argon2id) and a TOTP code, checked at the same cost
 * whether or not the account exists, giving one answer for every kind of failure.
 */
@ApplicationScoped
public class LoginService {

    private final ReviewerRepository reviewers;
    private final SessionRepository sessions;
    private final SessionTokenStore tokens;
    private final LoginThrottle throttle;
    private final OfficePrivateKey officeKey;
    /** A sealed TOTP secret of no account, opened when the username is unknown. */
    private final OfficePublicKey.SealedBytes decoyTotp;
    private final byte[] decoyContext;
    private final AuditService audit;
    private final PasswordHasher hasher;
    private final Totp totp = new Totp();
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final Duration maxAge;

    public LoginService(ReviewerRepository reviewers, SessionRepository sessions, SessionTokenStore tokens,
            LoginThrottle throttle, OfficePrivateKey officeKey, OfficePublicKey publicKey, AuditService audit,
            TiplineConfig config) {
        this.tokens = tokens;
        this.audit = audit;
        this.decoyContext = Bindings.totpSecret(java.util.UUID.randomUUID());
        this.decoyTotp = publicKey.seal(Totp.newSecret(random), decoyContext);
        this.reviewers = reviewers;
        this.sessions = sessions;
        this.throttle = throttle;
        this.officeKey = officeKey;
        this.hasher = new PasswordHasher(random);
        this.ttl = config.review().sessionTtl();
        this.maxAge = config.review().sessionMaxAge();
    }

    public Uni<SessionGrant> login(LoginRequest request) {
        String username = request.username();
        return throttle.waitBefore(username).chain(wait -> {
            if (!wait.isZero()) {
                throw tooManyAttempts(wait);
            }
            Executor backOnContext = contextExecutor();
            return Panache.withSession(() -> reviewers.findByUsername(username))
                    // Argon2id is deliberately slow: keep it off the event loop.
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(reviewer -> checkCredentials(reviewer, request))
                    .emitOn(backOnContext)
                    .chain(accepted -> {
                        if (accepted == null) {
                            Log.info("login refused"); // never the username: people type passwords there
                            return refused(username);
                        }
                        // The throttle's statements run after the transaction, on a connection of
                        // their own, so that a login never holds two of the pool's connections.
                        return Panache.withTransaction(() -> reviewers.acceptTotpStep(accepted.reviewer().id, accepted.step())
                                .chain(fresh -> {
                                    if (!fresh) {
                                        return Uni.createFrom().<SessionGrant>nullItem(); // the code was used by a concurrent login
                                    }
                                    Instant now = Instant.now();
                                    return audit.append(new AuditEvent(username, AuditAction.SESSION_LOGIN, null, null, null))
                                            .chain(() -> newSession(accepted.reviewer(), now, now.plus(maxAge)));
                                }))
                                .chain(grant -> grant == null ? refused(username)
                                        : throttle.succeeded(username).replaceWith(grant));
                    });
        });
    }

    /** Counts the failure, then answers with the one 401 for every kind of failure. */
    private Uni<SessionGrant> refused(String username) {
        return throttle.failed(username).chain(() -> Uni.createFrom().failure(invalidCredentials()));
    }

    /** A new token for the caller's session, keeping its absolute limit; the old token stops working. */
    public Uni<SessionGrant> refresh(String currentToken) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> tokens.findLive(currentToken, now).chain(session -> {
            if (session == null) {
                throw new io.quarkus.security.UnauthorizedException();
            }
            // Consumed exactly once: of concurrent refreshes of one token, the DELETEs wait for each
            // other's row lock, and only the first still finds the row.
            return sessions.deleteByHash(session.tokenHash).chain(deleted -> {
                if (deleted != 1) {
                    throw new io.quarkus.security.UnauthorizedException();
                }
                return reviewers.findById(session.reviewerId);
            }).chain(reviewer -> newSession(reviewer, now, session.absoluteExpiresAt));
        }));
    }

    public Uni<Void> logout(String currentToken) {
        return Panache.withTransaction(() -> sessions.deleteByHash(tokens.digest(currentToken))).replaceWithVoid();
    }

    private Uni<SessionGrant> newSession(Reviewer reviewer, Instant now, Instant absoluteExpiry) {
        String token = SessionTokens.newToken(random);
        ReviewSession session = new ReviewSession();
        session.tokenHash = tokens.digest(token);
        session.reviewerId = reviewer.id;
        Instant expiry = now.plus(ttl);
        session.expiresAt = expiry.isAfter(absoluteExpiry) ? absoluteExpiry : expiry;
        session.absoluteExpiresAt = absoluteExpiry;
        return sessions.deleteExpired(now)
                .chain(() -> sessions.persist(session))
                .map(saved -> new SessionGrant(token, "Bearer", saved.expiresAt, saved.absoluteExpiresAt,
                        Arrays.stream(reviewer.roles).map(ReviewerRole::label).sorted().toList()));
    }

    /**
     * The accepted account and TOTP step, or null. Every attempt does the same work, whatever
     * is wrong: one Argon2id verification, one opening of a sealed TOTP secret (a decoy when
     * the account does not exist) and one code check, so neither the answer nor its timing
     * tells an unknown account from a wrong password or a wrong code.
     */
    private Accepted checkCredentials(Reviewer reviewer, LoginRequest request) {
        char[] password = request.password().toCharArray();
        byte[] secret = null;
        try {
            boolean known = reviewer != null;
            boolean passwordOk = hasher.verify(known ? reviewer.passwordHash : null, password);
            secret = officeKey.open(known ? reviewer.totpSealed : decoyTotp.ciphertext(),
                    known ? Bindings.totpSecret(reviewer.id) : decoyContext);
            OptionalLong step = totp.verify(secret, request.totp(), known ? reviewer.totpLastStep : 0, Instant.now());
            boolean accepted = known && passwordOk && !reviewer.disabled && step.isPresent();
            return accepted ? new Accepted(reviewer, step.getAsLong()) : null;
        } catch (GeneralSecurityException e) {
            Log.warn("a sealed TOTP secret does not open with the office key");
            return null;
        } finally {
            Arrays.fill(password, '\0');
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static Executor contextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }

    static SignInFailed invalidCredentials() {
        return new SignInFailed(SignInFailed.Who.OFFICE, "The username, password or one-time code is not right.");
    }

    static TooManyAttempts tooManyAttempts(Duration wait) {
        long seconds = TooManyAttempts.seconds(wait);
        return new TooManyAttempts(wait,
                "Too many failed logins. Try again in " + seconds + (seconds == 1 ? " second." : " seconds."));
    }

    private record Accepted(Reviewer reviewer, long step) {
    }
}
