package org.tipline.tipster.channel;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tipline.crypto.ChannelKeys;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.ChannelKeyRefused;
import org.tipline.tip.ChannelName;

/**
 * The active channels in memory, reloaded from the database every
 * {@code tipline.channels.refresh-interval} (5 s by default), so that a channel created,
 * rotated or revoked by the review process or the command line reaches every intake process
 * within that time. A tip's key is resolved here without touching the database, and a key
 * that opens nothing costs one SHA-256 at most (a malformed one not even that).
 *
 * <p>When a reload fails (the database is down), the last loaded channels stay in force
 * until the next reload succeeds.
 */
@ApplicationScoped
public class ChannelDirectory {

    /** The longest an intake start waits for the first load. */
    private static final Duration FIRST_LOAD_TIMEOUT = Duration.ofSeconds(30);

    static final String KEY_REFUSED = "The channel key opens no active channel. Ask the tipline operator for a "
            + "current key; nothing was stored.";
    static final String KEY_REQUIRED = "This tipline takes tips only from front ends with a channel key "
            + "(X-Tipline-Channel-Key); nothing was stored.";

    private final ChannelRepository channels;
    private final Vertx vertx;
    private final ServiceRole role;
    private final Duration refreshInterval;
    private final boolean acceptKeyless;
    private final ActiveChannel keyless;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private long timer = -1;

    public ChannelDirectory(ChannelRepository channels, Vertx vertx, TiplineConfig config) {
        this.channels = channels;
        this.vertx = vertx;
        this.role = config.role();
        this.refreshInterval = config.channels().refreshInterval();
        this.acceptKeyless = config.channels().acceptKeyless();
        String keylessName = config.channels().keylessName();
        if (!ChannelName.valid(keylessName)) {
            throw new IllegalArgumentException("tipline.channels.keyless-name must be 2 to 40 characters of a-z, 0-9 "
                    + "and '-'");
        }
        if (refreshInterval.toMillis() < 100) {
            throw new IllegalArgumentException("tipline.channels.refresh-interval must be at least PT0.1S");
        }
        this.keyless = new ActiveChannel(keylessName, config.intake().program(), Set.of(), null,
                config.proofOfWork().keylessTips());
    }

    void start(@Observes StartupEvent event) {
        if (!role.servesIntake()) {
            return; // the review process never resolves a key
        }
        try {
            refresh().await().atMost(FIRST_LOAD_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("channels could not be loaded at start (%s); retrying every %s", e.getClass().getSimpleName(),
                    refreshInterval);
        }
        timer = vertx.setPeriodic(refreshInterval.toMillis(), id -> refresh().subscribe().with(done -> {
        }, failure -> Log.debugf("channel reload failed (%s)", failure.getClass().getSimpleName())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reloads the active channels now (also what the timer does). */
    public Uni<Void> refresh() {
        return channels.active().invoke(list -> snapshot = Snapshot.of(list)).replaceWithVoid();
    }

    /**
     * The channel a tip is posted through: the one whose key this is, or, for no key at all,
     * the built-in keyless channel when {@code tipline.channels.accept-keyless} is on.
     *
     * @throws ChannelKeyRefused for a key that is malformed, unknown or revoked, or a missing
     *                           key where one is required; all answered alike
     */
    public ActiveChannel resolve(String key) {
        if (key == null) {
            if (!acceptKeyless) {
                throw new ChannelKeyRefused(KEY_REQUIRED);
            }
            return keyless;
        }
        ActiveChannel channel = byKey(key);
        if (channel == null) {
            throw new ChannelKeyRefused(KEY_REFUSED);
        }
        return channel;
    }

    /** The active channel with this key, or null. */
    ActiveChannel byKey(String key) {
        if (!ChannelKeys.wellFormed(key)) {
            return null;
        }
        return snapshot.byKeyHash.get(ByteBuffer.wrap(ChannelKeys.hash(key)));
    }

    /** True when {@code origin} is on the list of any active channel. */
    boolean anyChannelAllows(String origin) {
        return snapshot.origins.contains(origin);
    }

    /** The built-in channel of tips posted without a key. */
    public ActiveChannel keyless() {
        return keyless;
    }

    private record Snapshot(Map<ByteBuffer, ActiveChannel> byKeyHash, Set<String> origins) {

        static final Snapshot EMPTY = new Snapshot(Map.of(), Set.of());

        static Snapshot of(List<ChannelRepository.KeyedChannel> channels) {
            Map<ByteBuffer, ActiveChannel> byKeyHash = new HashMap<>();
            Set<String> origins = new HashSet<>();
            for (ChannelRepository.KeyedChannel keyed : channels) {
                byKeyHash.put(ByteBuffer.wrap(keyed.keyHash()), keyed.channel());
                origins.addAll(keyed.channel().origins());
            }
            return new Snapshot(Map.copyOf(byKeyHash), Set.copyOf(origins));
        }
    }
}
