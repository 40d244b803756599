package org.tipline.office.signin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
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
 * <p>Application-scoped, so it is made (and its key derived) at its first use, which never
 * happens in the intake role: that holds no private key and looks up no office token.
 */
@ApplicationScoped
public class SessionTokenStore {

    private final SessionRepository sessions;
    private final OfficeMac mac;
    private final Duration ttl;
    private final Duration maxAge;

    public SessionTokenStore(SessionRepository sessions, OfficePrivateKey officeKey, TiplineConfig config) {
        this.sessions = sessions;
        this.mac = OfficeMac.derive(officeKey, Bindings.OFFICE_MAC_SESSION_TOKENS);
        this.ttl = config.review().sessionTtl();
        this.maxAge = config.review().sessionMaxAge();
    }

    /** What is stored for {@code token}. */
    public byte[] digest(String token) {
        return mac.tag(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The live session of {@code token}, or null. */
    public Uni<ReviewSession> findLive(String token, Instant now) {
        return sessions.findLive(digest(token), now, now.plus(ttl), now.plus(maxAge));
    }
}
