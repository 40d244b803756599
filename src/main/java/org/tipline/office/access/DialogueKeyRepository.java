package org.tipline.office.access;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DialogueKeyRepository implements PanacheRepositoryBase<TipDialogueKey, UUID> {

    /** The office-sealed dialogue key of a tip, or null when the tip has no mailbox. */
    public Uni<byte[]> officeSealedKey(UUID tipId) {
        return findById(tipId).map(row -> row == null ? null : row.officeDialogueKey);
    }
}
