package org.tipline.office.channel;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.tipline.tip.ChannelName;

@ApplicationScoped
public class ChannelRepository implements PanacheRepositoryBase<Channel, UUID> {

    /** The channel with this name, or null; a name no channel can have is not looked up. */
    public Uni<Channel> findByName(String name) {
        if (!ChannelName.valid(name)) {
            return Uni.createFrom().nullItem();
        }
        return find("name", name).firstResult();
    }

    public Uni<List<Channel>> all() {
        return listAll(Sort.ascending("name"));
    }
}
