package org.tipline.tipster.proof;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.altcha.altcha.Altcha;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.ProofRefused;
import org.tipline.platform.refusal.Refusal;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.platform.storage.StoreDeadline;
import org.tipline.tip.TipReference;

/**
 * Proof-of-work with ALTCHA (SHA-256, HMAC-signed challenges): hands out challenges and
 * spends solutions. A solution is checked in microseconds, before any Argon2id or public-key
 * work, and claimed in this process's memory, so that a replay to the same process is refused
 * at once. It is recorded as spent in PostgreSQL, so that every intake process on the database
 * takes it once: a sign-in's proof by a row in {@code proof_spent}, written by a statement of
 * its own before the guessing budget is charged ({@link #spend}); a tip's by the tip row
 * itself, whose id is the proof's ({@link CheckedProof#tipId}), so that a tip costs no write
 * of its own for its proof ({@link #check}, then {@code TipRepository.insert}). Each also
 * looks for the other: a tip is not stored for a proof a sign-in spent, nor a sign-in let in
 * for a proof that stored a tip.
 * docs/proof-of-work.md describes the protocol.
 *
 * <p>What a challenge's salt carries, signed with it (the signature covers the challenge,
 * which is SHA-256 of the salt and the number): {@code expires} (Unix seconds), {@code d}
 * (the difficulty it was issued at) and {@code g} (the generation of the key that signed it),
 * and the binding of a sealed submission posted with it: {@code t} (a new tip id) and
 * {@code r} (a new reference), unused by any other request (docs/crypto.md, section 8).
 */
@ApplicationScoped
public class ProofOfWork {

    /** The request header that carries the solution: base64 of the ALTCHA payload JSON. */
    public static final String HEADER = "X-Tipline-Proof";
    /** A real payload is about 400 characters; anything longer is refused before it is decoded. */
    static final int MAX_HEADER_LENGTH = 1024;
    /** A challenge issued at half the current difficulty still counts: it was fetched just before a step up. */
    static final int FLOOR_DIVISOR = 2;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TIP_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final HexFormat HEX = HexFormat.of();
    private static final String ALGORITHM = Altcha.Algorithm.SHA256.getName();
    /**
     * The proofs this process took, until their challenge expires, at most this many (about
     * 130 bytes each, 8 MB in all, measured). Past it the cache (Caffeine) lets the least used
     * go: a replay of one of those costs this process its Argon2id and seals once more before
     * the database refuses the tip.
     */
    static final int MAX_CLAIMS = 65_536;

    private final ProofRepository repository;
    private final TipLoad load;
    private final Clock clock;
    private final long ttlSeconds;
    private final long rotationSeconds;
    private final long baseDifficulty;
    private final Duration flushInterval;
    private final boolean servesIntake;
    private final Map<Long, String> keys = new ConcurrentHashMap<>();
    private final Cache<Claim, Boolean> claims;
    private final SecureRandom random = new SecureRandom();
    private final TipReference references = new TipReference(random);
    private static final ObjectMapper SALT_READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        SALT_READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(2).maxStringLength(MAX_HEADER_LENGTH).maxNumberLength(20).build());
    }

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private Vertx vertx;
    private long timer = -1;
    private long ticks;

    @Inject
    public ProofOfWork(ProofRepository repository, TipLoad load, TiplineConfig config, Vertx vertx) {
        this(repository, load, config, Clock.systemUTC());
        this.vertx = vertx;
    }

    ProofOfWork(ProofRepository repository, TipLoad load, TiplineConfig config, Clock clock) {
        TiplineConfig.ProofOfWork settings = config.proofOfWork();
        this.repository = repository;
        this.load = load;
        this.clock = clock;
        this.ttlSeconds = Math.max(1, settings.challengeTtl().toSeconds());
        this.rotationSeconds = settings.keyRotation().toSeconds();
        this.baseDifficulty = settings.baseDifficulty();
        this.flushInterval = settings.flushInterval();
        this.servesIntake = config.role().servesIntake();
        this.claims = Caffeine.newBuilder().maximumSize(MAX_CLAIMS)
                .expireAfterWrite(Duration.ofSeconds(ttlSeconds + 1)).build();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(2).maxStringLength(MAX_HEADER_LENGTH).maxNumberLength(20).build());
        check(settings);
    }

    private static void check(TiplineConfig.ProofOfWork settings) {
        if (settings.baseDifficulty() < 1 || settings.maxDifficulty() < settings.baseDifficulty()
                || settings.maxDifficulty() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tipline.proof-of-work: base-difficulty must be at least 1, and "
                    + "max-difficulty at least base-difficulty and at most " + Integer.MAX_VALUE);
        }
        if (settings.stepRate() < 1) {
            throw new IllegalArgumentException("tipline.proof-of-work.step-rate must be at least 1");
        }
        if (settings.challengeTtl().toSeconds() < 1
                || settings.keyRotation().compareTo(settings.challengeTtl()) <= 0) {
            throw new IllegalArgumentException("tipline.proof-of-work: challenge-ttl must be at least a second, "
                    + "and key-rotation longer than challenge-ttl");
        }
        if (settings.flushInterval().toMillis() < 10) {
            throw new IllegalArgumentException("tipline.proof-of-work.flush-interval must be at least 10 ms");
        }
    }

    /** A new challenge at the current difficulty. */
    public Uni<ChallengeView> challenge() {
        long now = epochSecond();
        return challenge(load.difficulty(), now + ttlSeconds, generation(now));
    }

    /** A challenge with the given parameters, signed with the key of {@code generation} (created if needed). */
    Uni<ChallengeView> challenge(long difficulty, long expires, long generation) {
        return guarded(key(generation, true)).map(key -> {
            try {
                Altcha.ChallengeOptions options = new Altcha.ChallengeOptions()
                        .setAlgorithm(Altcha.Algorithm.SHA256)
                        .setMaxNumber(difficulty)
                        .setSecureRandomNumber(true)
                        .setHmacKey(key)
                        .setExpires(expires)
                        .addParam("d", Long.toString(difficulty))
                        .addParam("g", Long.toString(generation))
                        .addParam("r", references.next())
                        .addParam("t", UUID.randomUUID().toString());
                Altcha.Challenge challenge = Altcha.createChallenge(options);
                return new ChallengeView(challenge.algorithm, challenge.challenge, challenge.maxnumber,
                        challenge.salt, challenge.signature);
            } catch (Exception e) {
                throw new IllegalStateException("ALTCHA could not create a challenge", e);
            }
        });
    }

    /**
     * The binding a proof's salt carries ({@code t}, {@code r}), read but not verified: only
     * {@link #spend} makes it trustworthy. Null when the header holds no well-formed payload with both.
     */
    public static SaltBinding saltBinding(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        try {
            ProofPayload payload = SALT_READER.readValue(Base64.getDecoder().decode(header.strip()), ProofPayload.class);
            if (payload == null || payload.salt() == null || payload.salt().length() > 256) {
                return null;
            }
            Map<String, String> params = Altcha.extractParams(payload.salt());
            String tipId = params.get("t");
            String reference = params.get("r");
            return tipId == null || reference == null ? null : new SaltBinding(tipId, reference);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The challenge (64 lower-case hex digits) of the payload in a header, read but not
     * verified: only {@link #spend} makes it trustworthy. A sealed sign-in signs it, so a
     * signature is good for the one proof it came with. Null when the header holds no such payload.
     */
    public static String challengeOf(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        try {
            ProofPayload payload = SALT_READER.readValue(Base64.getDecoder().decode(header.strip()), ProofPayload.class);
            return payload == null || payload.challenge() == null || !HEX64.matcher(payload.challenge()).matches()
                    ? null : payload.challenge();
        } catch (Exception e) {
            return null;
        }
    }

    /** A sealed submission's tip id and reference as a challenge's salt carries them. */
    public record SaltBinding(String tipId, String reference) {
    }

    /** The current generation of the signing key, and when a binding issued now expires (Unix seconds). */
    public Issue issue() {
        long now = epochSecond();
        return new Issue(generation(now), now + ttlSeconds, UUID.randomUUID(), references.next());
    }

    /** What a new binding token carries, before it is signed. */
    public record Issue(long generation, long expires, UUID tipId, String reference) {
    }

    /** Whether keys of this generation still sign and check: the current one and the one before. */
    public boolean liveGeneration(long generation) {
        long current = generation(epochSecond());
        return generation == current || generation == current - 1;
    }

    /** Whether a binding of this expiry (Unix seconds) is still good. */
    public boolean unexpired(long expires) {
        return epochSecond() <= expires;
    }

    /**
     * The 32-byte key of a generation, shared by every intake process, for MACs other than a
     * challenge's (binding tokens): created for the current generation, read for the previous one,
     * null for any other or for a previous one no process created.
     */
    public Uni<byte[]> signingKey(long generation) {
        long current = generation(epochSecond());
        if (generation != current && generation != current - 1) {
            return Uni.createFrom().nullItem();
        }
        return guarded(key(generation, generation == current)
                .onFailure(ProofRefused.class).recoverWithNull())
                .map(key -> key == null ? null : HEX.parseHex(key));
    }

    /** {@link #spend(String)} when {@code required}; otherwise nothing, whatever the header holds. */
    public Uni<Void> spendIf(boolean required, String header) {
        return required ? spend(header) : Uni.createFrom().voidItem();
    }

    /**
     * Checks the solution in {@code header} and records its challenge as spent. Fails with
     * {@link ProofRefused} (missing, invalid, expired, too easy, replayed) or with
     * {@link StorageUnavailableException}. The checks before the database's are in memory and
     * take microseconds; nothing but the spent challenge is written.
     */
    public Uni<Void> spend(String header) {
        return check(header)
                .chain(valid -> guarded(repository.spend(valid.challenge(), valid.expiresEpochSecond(), valid.tipId())))
                .map(spent -> {
                    if (!spent) {
                        throw replayed();
                    }
                    return null;
                });
    }

    /** {@link #check(String)} when {@code required}; otherwise a null item, whatever the header holds. */
    public Uni<CheckedProof> checkIf(boolean required, String header) {
        return required ? check(header) : Uni.createFrom().nullItem();
    }

    /**
     * Checks the solution in {@code header} and claims it in this process, without writing:
     * the caller records it as spent in the same statement as what it allows, and refuses
     * with {@link #replayed()} when that statement finds it spent already (by another intake
     * process). Fails with {@link ProofRefused} (missing, invalid, expired, too easy, or
     * replayed to this process) or with {@link StorageUnavailableException} (only while the
     * signing key of a new generation is read).
     */
    public Uni<CheckedProof> check(String header) {
        Checked checked;
        try {
            checked = parse(header);
        } catch (ProofRefused refused) {
            return Uni.createFrom().failure(refused);
        }
        long now = epochSecond();
        long current = generation(now);
        if (checked.generation() != current && checked.generation() != current - 1) {
            return Uni.createFrom().failure(expired());
        }
        String known = keys.get(checked.generation());
        if (known != null) {
            // The usual case: the key is in memory, and the whole check runs here, with no
            // timer and no other thread.
            try {
                return Uni.createFrom().item(claim(checked, known, now));
            } catch (ProofRefused refused) {
                return Uni.createFrom().failure(refused);
            }
        }
        return guarded(key(checked.generation(), checked.generation() == current))
                .map(key -> claim(checked, key, now));
    }

    /** Verifies the proof with this key and claims it in this process's memory. */
    private CheckedProof claim(Checked checked, String key, long now) {
        verify(checked, key, now);
        byte[] challenge = HEX.parseHex(checked.payload().challenge());
        if (claims.asMap().putIfAbsent(Claim.of(challenge), Boolean.TRUE) != null) {
            throw replayed();
        }
        return new CheckedProof(challenge, checked.expires(), tipIdOf(checked.tipId(), challenge));
    }

    /**
     * A proof checked and claimed by this process. {@code tipId} is the id of the one tip it
     * may store: the tip id its challenge's salt carries ({@code t}), signed with it, or for a
     * challenge without one (handed out before challenges carried it), one derived from the
     * challenge. A second tip with the same proof, through any intake process, then collides
     * with the first on the tip table's primary key.
     */
    public record CheckedProof(byte[] challenge, long expiresEpochSecond, UUID tipId) {
    }

    private static UUID tipIdOf(String saltTipId, byte[] challenge) {
        if (saltTipId != null) {
            return UUID.fromString(saltTipId);
        }
        ByteBuffer bytes = ByteBuffer.wrap(challenge);
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L; // version 4: the challenge is random
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // the IETF variant
        return new UUID(high, low);
    }

    /** Forgets the proofs this process took, as a process that has not seen them would (tests only). */
    void forgetClaims() {
        claims.invalidateAll();
    }

    /** A claimed challenge: its first 16 bytes of 32, which SHA-256 makes unique among honest ones. */
    private record Claim(long high, long low) {
        static Claim of(byte[] challenge) {
            ByteBuffer bytes = ByteBuffer.wrap(challenge);
            return new Claim(bytes.getLong(), bytes.getLong());
        }
    }

    /** The refusal of a proof used before. */
    public static ProofRefused replayed() {
        return new ProofRefused(ProofRefused.Reason.REPLAYED,
                "This proof-of-work was already used once. Fetch a new challenge from "
                        + "/api/v1/challenge, solve it and send the request again.");
    }

    /** A payload that is well formed, with its signed parameters; nothing about it is verified yet. */
    record Checked(ProofPayload payload, long expires, long difficulty, long generation, String tipId) {
    }

    /** Present, bounded, base64 of a JSON payload of the right shape, with the salt's parameters. */
    Checked parse(String header) {
        if (header == null || header.isBlank()) {
            throw new ProofRefused(ProofRefused.Reason.MISSING,
                    "This request needs a solved proof-of-work challenge in the " + HEADER + " header. Fetch one from "
                            + "/api/v1/challenge and solve it (docs/proof-of-work.md).");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw invalid();
        }
        ProofPayload payload;
        Map<String, String> params;
        try {
            byte[] decoded = Base64.getDecoder().decode(header.strip());
            payload = json.readValue(decoded, ProofPayload.class);
            if (payload == null || !ALGORITHM.equals(payload.algorithm()) || payload.challenge() == null
                    || !HEX64.matcher(payload.challenge()).matches() || payload.signature() == null
                    || !HEX64.matcher(payload.signature()).matches() || payload.salt() == null
                    || payload.salt().length() > 256 || payload.number() == null || payload.number() < 0
                    || payload.number() > Integer.MAX_VALUE) {
                throw invalid();
            }
            params = Altcha.extractParams(payload.salt());
            String tipId = params.get("t");
            if (tipId != null && !TIP_ID.matcher(tipId).matches()) {
                throw invalid();
            }
            return new Checked(payload, Long.parseLong(params.get("expires")), Long.parseLong(params.get("d")),
                    Long.parseLong(params.get("g")), tipId);
        } catch (ProofRefused refused) {
            throw refused;
        } catch (Exception e) {
            // Not base64, not JSON, wrong types, a salt without its parameters: never echoed, never logged.
            throw invalid();
        }
    }

    /** Signature, expiry, difficulty, then the solution itself with ALTCHA's own check. */
    void verify(Checked checked, String key, long now) {
        ProofPayload payload = checked.payload();
        try {
            String expected = Altcha.hmacHex(Altcha.Algorithm.SHA256,
                    payload.challenge().getBytes(StandardCharsets.UTF_8), key);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    payload.signature().getBytes(StandardCharsets.US_ASCII))) {
                throw invalid();
            }
            if (now > checked.expires()) {
                throw expired();
            }
            if (checked.difficulty() < floor()) {
                throw new ProofRefused(ProofRefused.Reason.TOO_EASY,
                        "Many tips are arriving, so the proof-of-work is harder now than when this challenge was "
                                + "fetched. Fetch a new challenge from /api/v1/challenge, solve it and send the "
                                + "request again.");
            }
            Altcha.Payload solution = new Altcha.Payload();
            solution.algorithm = payload.algorithm();
            solution.challenge = payload.challenge();
            solution.number = payload.number();
            solution.salt = payload.salt();
            solution.signature = payload.signature();
            if (!Altcha.verifySolution(solution, key, true)) {
                throw invalid();
            }
        } catch (ProofRefused refused) {
            throw refused;
        } catch (Exception e) {
            throw invalid();
        }
    }

    /** The lowest difficulty a challenge may have been issued at and still count. */
    long floor() {
        return Math.max(baseDifficulty, load.difficulty() / FLOOR_DIVISOR);
    }

    private static ProofRefused invalid() {
        return new ProofRefused(ProofRefused.Reason.INVALID,
                "The " + HEADER + " header is not a solution of a challenge from this service. Fetch a challenge from "
                        + "/api/v1/challenge, solve it and send the payload, base64-encoded, in " + HEADER + ".");
    }

    private static ProofRefused expired() {
        return new ProofRefused(ProofRefused.Reason.EXPIRED,
                "The proof-of-work challenge has expired. Fetch a new one from /api/v1/challenge, solve it and send "
                        + "the request again.");
    }

    long epochSecond() {
        return clock.millis() / 1000;
    }

    long generation(long epochSecond) {
        return Math.floorDiv(epochSecond, rotationSeconds);
    }

    /**
     * The HMAC key of a generation: from memory, else from the database. Only the current
     * generation's key is created when missing; a previous generation that no process created
     * signed nothing, and a challenge claiming it is invalid.
     */
    private Uni<String> key(long generation, boolean create) {
        String known = keys.get(generation);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Uni<String> lookup = create ? repository.keyOf(generation, newKey()) : repository.existingKey(generation);
        return lookup.map(key -> {
            if (key == null) {
                throw invalid();
            }
            keys.put(generation, key);
            keys.keySet().removeIf(old -> old < generation - 1);
            return key;
        });
    }

    private String newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return HEX.formatHex(key);
    }

    /** Database trouble becomes 503 with Retry-After; a hung database does not hang the client. */
    private static <T> Uni<T> guarded(Uni<T> query) {
        return StoreDeadline.within(query)
                .onFailure(e -> !(e instanceof Refusal)).transform(StorageUnavailableException::new);
    }

    /** One tick: flush the tip counters; once a minute also forget long-expired challenges and retired keys. */
    Uni<Void> tick() {
        Uni<Void> flush = load.flush();
        long everyMinute = Math.max(1, Duration.ofMinutes(1).toMillis() / flushInterval.toMillis());
        if (ticks++ % everyMinute != 0) {
            return flush;
        }
        return flush.chain(() -> repository.cleanUp(generation(epochSecond()) - 1));
    }

    void start(@Observes StartupEvent event) {
        if (!servesIntake || vertx == null) {
            return;
        }
        timer = vertx.setPeriodic(flushInterval.toMillis(), id -> tick().subscribe().with(
                done -> { },
                failure -> Log.debugf("proof-of-work flush failed (%s)", failure.getClass().getSimpleName())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0 && vertx != null) {
            vertx.cancelTimer(timer);
        }
    }
}
