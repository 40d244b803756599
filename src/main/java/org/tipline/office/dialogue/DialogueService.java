package org.tipline.office.dialogue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.MessageSealing;
import org.tipline.office.access.OfficeDecrypts;
import org.tipline.office.access.TipAccess;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.privacy.CoarseClock;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.DialogueState;
import org.tipline.tip.Tip;

/**
 * The office's side of a tip's conversation: reading the thread (audited first), asking
 * the tipster a question (audited in the same transaction), and closing or reopening the
 * conversation (coordinators). The tip's dialogue key comes from its office-sealed copy.
 */
@ApplicationScoped
public class DialogueService {

    private final TipAccess tips;
    private final MessageRepository messages;
    private final AuditService audit;
    private final CoarseClock clock;
    private final OfficeDecrypts decrypts;

    public DialogueService(TipAccess tips, MessageRepository messages, AuditService audit, CoarseClock clock,
            OfficeDecrypts decrypts) {
        this.tips = tips;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.decrypts = decrypts;
    }

    /** The decrypted conversation. The audit entry is committed before any message is opened. */
    public Uni<DialogueViews.Conversation> conversation(Caller caller, String typedReference, String purpose) {
        return Panache.withTransaction(() -> tips.tipInRemit(caller, typedReference)
                .call(tip -> audit.append(new AuditEvent(caller.username(), AuditAction.DIALOGUE_READ, tip.reference,
                        purpose, null)))
                .chain(tip -> messages.forTip(tip.id).chain(thread -> thread.isEmpty()
                        ? Uni.createFrom().item(new StoredConversation(tip, thread, null))
                        : tips.sealedDialogueKey(tip).map(sealed -> new StoredConversation(tip, thread, sealed)))))
                .map(stored -> {
                    DialogueKey key = stored.messages().isEmpty() ? null : tips.openDialogueKey(stored.tip(), stored.sealedKey());
                    decrypts.count(caller, OfficeDecrypts.Record.CONVERSATION, key == null ? 0 : 1);
                    return new DialogueViews.Conversation(stored.tip().reference, stored.tip().dialogueState,
                            stored.messages().stream().map(message -> view(key, message)).toList());
                });
    }

    private record StoredConversation(Tip tip, List<TipMessage> messages, byte[] sealedKey) {
    }

    public Uni<DialogueViews.Message> ask(Caller caller, String typedReference, String text) {
        return Panache.withTransaction(() -> tips.lockedTipInRemit(caller, typedReference).chain(tip -> tips.dialogueKey(tip).chain(key -> {
            if (tip.dialogueState != DialogueState.OPEN) {
                throw new Conflict("This tip's conversation is closed; a coordinator can reopen it.");
            }
            return messages.nextNumber(tip.id).chain(number -> {
                TipMessage message = new TipMessage();
                message.id = UUID.randomUUID();
                message.tipId = tip.id;
                message.number = number;
                message.sender = MessageSealing.OFFICE;
                message.author = caller.username();
                message.sentAt = clock.now();
                message.formatVersion = (short) Bindings.DIALOGUE_FORMAT_VERSION;
                message.ciphertext = MessageSealing.seal(key, tip.id, number, MessageSealing.OFFICE, text);
                return messages.persist(message)
                        .call(saved -> audit.append(new AuditEvent(caller.username(), AuditAction.DIALOGUE_MESSAGE,
                                tip.reference, null, Map.of("number", Integer.toString(number)))))
                        .map(saved -> new DialogueViews.Message(number, MessageSealing.OFFICE, caller.username(),
                                saved.sentAt.toString(), text));
            });
        })));
    }

    /** Closes or reopens the conversation. Coordinators only. */
    public Uni<DialogueViews.Conversation> setState(Caller caller, String typedReference, String stateLabel) {
        DialogueState state = DialogueState.fromLabel(stateLabel);
        if (state == null) {
            throw new InvalidField("dialogue", "must be open or closed");
        }
        if (!caller.has(ReviewerRole.COORDINATOR)) {
            throw new ForbiddenException();
        }
        return Panache.withTransaction(() -> tips.lockedTipInRemit(caller, typedReference).call(tip -> tips.sealedDialogueKey(tip)
                .invoke(sealed -> {
                    if (sealed == null) {
                        throw TipAccess.noMailbox();
                    }
                })).chain(tip -> {
            tip.dialogueState = state;
            return audit.append(new AuditEvent(caller.username(),
                    state == DialogueState.CLOSED ? AuditAction.DIALOGUE_CLOSE : AuditAction.DIALOGUE_REOPEN,
                    tip.reference, null, null))
                    .map(entry -> new DialogueViews.Conversation(tip.reference, tip.dialogueState, List.of()));
        }));
    }

    private static DialogueViews.Message view(DialogueKey key, TipMessage message) {
        String text;
        try {
            text = MessageSealing.open(key, message.tipId, message.number, message.sender, message.formatVersion,
                    message.ciphertext);
        } catch (GeneralSecurityException e) {
            text = null;
        }
        return new DialogueViews.Message(message.number, message.sender, message.author, message.sentAt.toString(), text);
    }
}
