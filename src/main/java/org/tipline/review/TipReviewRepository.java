package org.tipline.review;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries over stored tips for the office. Metadata only; nothing here decrypts. */
@ApplicationScoped
public class TipReviewRepository implements PanacheRepositoryBase<Tip, UUID> {

    public Uni<Tip> findByReference(String reference) {
        return find("reference", reference).firstResult();
    }

    /** Like {@link #findByReference}, with the row locked until the transaction ends. */
    public Uni<Tip> findByReferenceForUpdate(String reference) {
        return find("reference", reference).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** One page of the tips in {@code remit} that match {@code filter}, with their ciphertexts; one extra row tells if more follow. */
    public Uni<List<Tip>> page(Remit remit, TipFilter filter, int page, int size) {
        return query(remit, filter).range(page * size, page * size + size).list();
    }

    /** The same page as {@link #page}, metadata only: the ciphertexts are not even read. */
    public Uni<List<TipViews.TipSummary>> listing(Remit remit, TipFilter filter, int page, int size) {
        return query(remit, filter).project(TipViews.TipSummary.class).range(page * size, page * size + size).list();
    }

    private PanacheQuery<Tip> query(Remit remit, TipFilter filter) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        where.add("program in :programs");
        parameters.and("programs", List.copyOf(remit.caller().programs()));
        if (!remit.coordinates()) {
            if (remit.caller().unit() != null) {
                where.add("(assignee = :me or assignedUnit = :unit)");
                parameters.and("unit", remit.caller().unit());
            } else {
                where.add("assignee = :me");
            }
            parameters.and("me", remit.caller().username());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.category() != null) {
            where.add("category = :category");
            parameters.and("category", filter.category());
        }
        if (filter.assignee() != null) {
            where.add("assignee = :assignee");
            parameters.and("assignee", filter.assignee());
        }
        if (filter.receivedFrom() != null) {
            where.add("receivedAt >= :from");
            parameters.and("from", filter.receivedFrom());
        }
        if (filter.receivedTo() != null) {
            where.add("receivedAt < :to");
            parameters.and("to", filter.receivedTo());
        }
        if (filter.after() != null) {
            where.add("(receivedAt < :afterAt or (receivedAt = :afterAt and reference > :afterReference))");
            parameters.and("afterAt", filter.after().receivedAt()).and("afterReference", filter.after().reference());
        }
        return find(String.join(" and ", where), Sort.descending("receivedAt").and("reference"), parameters);
    }
}
