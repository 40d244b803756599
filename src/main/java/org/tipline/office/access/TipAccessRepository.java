package org.tipline.office.access;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import org.tipline.tip.Tip;

/** One tip by its reference, for the remit check. */
@ApplicationScoped
public class TipAccessRepository implements PanacheRepositoryBase<Tip, UUID> {

    public Uni<Tip> findByReference(String reference) {
        return find("reference", reference).firstResult();
    }

    /** Like {@link #findByReference}, with the row locked until the transaction ends. */
    public Uni<Tip> findByReferenceForUpdate(String reference) {
        return find("reference", reference).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
