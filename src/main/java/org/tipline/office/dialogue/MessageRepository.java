package org.tipline.office.dialogue;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<TipMessage, UUID> {

    public Uni<List<TipMessage>> forTip(UUID tipId) {
        return find("tipId", Sort.ascending("number"), tipId).list();
    }

    /** The next message number; call with the tip row locked. */
    public Uni<Integer> nextNumber(UUID tipId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select coalesce(max(m.number), 0) + 1 from TipMessage m where m.tipId = :tip",
                        Integer.class)
                .setParameter("tip", tipId)
                .getSingleResult());
    }
}
