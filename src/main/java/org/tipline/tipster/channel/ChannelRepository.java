package org.tipline.tipster.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** The active channels, as intake's database login may read them (no ids, no creation details). */
@ApplicationScoped
public class ChannelRepository {

    private static final String ACTIVE = """
            select name, program, key_hash, origins, tips_per_hour, proof_of_work
            from channel where revoked_at is null""";

    private final Pool pool;

    public ChannelRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every active channel with its key's hash. */
    public Uni<List<KeyedChannel>> active() {
        return pool.query(ACTIVE).execute().map(rows -> {
            List<KeyedChannel> channels = new ArrayList<>();
            for (Row row : rows) {
                String[] origins = row.getArrayOfStrings("origins");
                channels.add(new KeyedChannel(row.getBuffer("key_hash").getBytes(), new ActiveChannel(
                        row.getString("name"), row.getString("program"),
                        new HashSet<>(origins == null ? List.of() : Arrays.asList(origins)),
                        row.getInteger("tips_per_hour"), row.getBoolean("proof_of_work"))));
            }
            return channels;
        });
    }

    /** A channel with the SHA-256 of its key. */
    public record KeyedChannel(byte[] keyHash, ActiveChannel channel) {
    }
}
