package org.tipline.office.channel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.List;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.staff.Caller;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.storage.UniqueViolation;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.NotFound;

/**
 * Channel management by an admin. Every change and its audit entry share one transaction.
 * Intake processes see a change at their next reload ({@code tipline.channels.refresh-interval}).
 */
@ApplicationScoped
public class ChannelService {

    private final ChannelRepository channels;
    private final AuditService audit;
    private final String reservedName;
    private final String defaultProgram;
    private final SecureRandom random = new SecureRandom();

    public ChannelService(ChannelRepository channels, AuditService audit, TiplineConfig config) {
        this.channels = channels;
        this.audit = audit;
        this.reservedName = config.channels().keylessName();
        this.defaultProgram = config.intake().program();
    }

    public Uni<ChannelViews.IssuedKey> create(Caller admin, ChannelViews.NewChannel request) {
        ChannelRules.Issued issued;
        try {
            issued = ChannelRules.create(request.name(), request.program() == null ? defaultProgram : request.program(),
                    request.origins(), request.tipsPerHour(), request.proofOfWork(), reservedName, random);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
        Channel channel = issued.channel();
        return Panache.withTransaction(() -> channels.findByName(channel.name).chain(existing -> {
            if (existing != null) {
                throw new Conflict("A channel with that name exists (names are never reused, also after revocation).");
            }
            return channels.persist(channel)
                    .call(saved -> audit.append(event(admin, AuditAction.CHANNEL_CREATE, saved)));
        })).onFailure(UniqueViolation::causes).transform(taken -> new Conflict(
                "A channel with that name exists (names are never reused, also after revocation)."))
                .map(saved -> issued(saved, issued.key()));
    }


    public Uni<List<ChannelViews.ChannelView>> list() {
        return Panache.withSession(channels::all).map(all -> all.stream().map(ChannelViews.ChannelView::of).toList());
    }

    public Uni<ChannelViews.IssuedKey> rotate(Caller admin, String name) {
        String[] key = new String[1];
        return Panache.withTransaction(() -> active(name).chain(channel -> {
            key[0] = ChannelRules.rotate(channel, random);
            return audit.append(event(admin, AuditAction.CHANNEL_ROTATE, channel)).replaceWith(channel);
        })).map(channel -> issued(channel, key[0]));
    }

    public Uni<ChannelViews.ChannelView> revoke(Caller admin, String name) {
        return Panache.withTransaction(() -> active(name).chain(channel -> {
            ChannelRules.revoke(channel);
            return audit.append(event(admin, AuditAction.CHANNEL_REVOKE, channel)).replaceWith(channel);
        })).map(ChannelViews.ChannelView::of);
    }

    public Uni<ChannelViews.ChannelView> change(Caller admin, String name, ChannelViews.ChannelChange change) {
        if (change == null || (change.origins() == null && change.tipsPerHour() == null
                && change.proofOfWork() == null)) {
            throw new InvalidField("(body)", "must change at least one of origins, tipsPerHour, proofOfWork");
        }
        String[] origins;
        Integer tipsPerHour;
        try {
            origins = change.origins() == null ? null : ChannelRules.origins(change.origins());
            tipsPerHour = ChannelRules.tipsPerHour(change.tipsPerHour());
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
        return Panache.withTransaction(() -> active(name).chain(channel -> {
            if (origins != null) {
                channel.origins = origins;
            }
            if (change.tipsPerHour() != null) {
                channel.tipsPerHour = tipsPerHour;
            }
            if (change.proofOfWork() != null) {
                channel.proofOfWork = change.proofOfWork();
            }
            return audit.append(event(admin, AuditAction.CHANNEL_UPDATE, channel)).replaceWith(channel);
        })).map(ChannelViews.ChannelView::of);
    }

    /** The channel with this name, for a change: 404 when there is none, 409 when it is revoked. */
    private Uni<Channel> active(String name) {
        return channels.findByName(name).map(channel -> {
            if (channel == null) {
                throw new NotFound("There is no channel with that name.");
            }
            if (!channel.active()) {
                throw new Conflict("That channel is revoked; create a new one.");
            }
            return channel;
        });
    }

    private static AuditEvent event(Caller admin, AuditAction action, Channel channel) {
        return new AuditEvent(admin.username(), action, null, null, channel.auditDetail());
    }

    private static ChannelViews.IssuedKey issued(Channel channel, String key) {
        return new ChannelViews.IssuedKey(ChannelViews.ChannelView.of(channel), key, ChannelViews.IssuedKey.NOTICE);
    }

    private static InvalidField invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        return new InvalidField(message.substring(0, colon), message.substring(colon + 1).strip());
    }
}
