package org.tipline.office.signin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficeMac;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.platform.config.TiplineConfig;

/**
 * How office sessions are found by their token. A token is stored as its MAC under a key
 * derived from the office private keyset ({@link OfficeMac}), which only the review process
 * holds: whoever can write the {@code review_session} table, but lacks that key, cannot make
 * a row that any token opens. A session is live only while its expiry lies within the
 * configured lives from now, whatever a row says: a row claiming a longer life is not one
 * tipline wrote.
 *
 * <p>Application-scoped, so the key is derived at the first use, which never happens in the
 * intake role (it holds no private key and looks up no office token).
 */
@ApplicationScoped
public class SessionTokenStore {

    private final SessionRepository sessions;
    private final OfficePrivateKey officeKey;
    private final Duration ttl;
    private final Duration maxAge;
    private volatile OfficeMac mac;

    public SessionTokenStore(SessionRepository sessions, OfficePrivateKey officeKey, TiplineConfig config) {
        this.sessions = sessions;
        this.officeKey = officeKey;
        this.ttl = config.review().sessionTtl();
        this.maxAge = config.review().sessionMaxAge();
    }

    /** What is stored for {@code token}. */
    public byte[] digest(String token) {
        OfficeMac current = mac;
        if (current == null) {
            try {
                current = OfficeMac.derive(officeKey, Bindings.OFFICE_MAC_SESSION_TOKENS);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the session-token key could not be derived", e);
            }
            mac = current;
        }
        return current.tag(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The live session of {@code token}, or null. */
    public Uni<ReviewSession> findLive(String token, Instant now) {
        return sessions.findLive(digest(token), now, now.plus(ttl), now.plus(maxAge));
    }
}
