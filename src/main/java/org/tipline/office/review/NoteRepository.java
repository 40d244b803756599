package org.tipline.office.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoteRepository implements PanacheRepositoryBase<TipNote, UUID> {

    public Uni<List<TipNote>> forTip(UUID tipId) {
        return find("tipId", Sort.ascending("createdAt").and("id"), tipId).list();
    }
}
