package org.tipline.office.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.office.staff.Caller;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.NotFound;
import org.tipline.tip.Tip;
import org.tipline.tip.TipReference;

/**
 * What every office feature that works on one tip shares: finding the tip within the
 * caller's {@link Remit} (a tip outside it is answered exactly like a missing one), and
 * opening its dialogue key with the office private key. Review, the conversation and the
 * reward each use this rather than one another's services.
 */
@ApplicationScoped
public class TipAccess {

    private final TipAccessRepository tips;
    private final DialogueKeyRepository dialogueKeys;
    private final OfficePrivateKey privateKey;

    public TipAccess(TipAccessRepository tips, DialogueKeyRepository dialogueKeys, OfficePrivateKey privateKey) {
        this.tips = tips;
        this.dialogueKeys = dialogueKeys;
        this.privateKey = privateKey;
    }

    /** The tip with this reference if the caller's remit covers it; 404 otherwise, the same as for no tip. */
    public Uni<Tip> tipInRemit(Caller caller, String typedReference) {
        return tipInRemit(caller, typedReference, false);
    }

    /** Like {@link #tipInRemit(Caller, String)}, with the tip row locked until the transaction ends. */
    public Uni<Tip> lockedTipInRemit(Caller caller, String typedReference) {
        return tipInRemit(caller, typedReference, true);
    }

    private Uni<Tip> tipInRemit(Caller caller, String typedReference, boolean lock) {
        String reference = TipReference.normalize(typedReference);
        if (reference == null) {
            return Uni.createFrom().failure(new NotFound());
        }
        Remit remit = new Remit(caller);
        return (lock ? tips.findByReferenceForUpdate(reference) : tips.findByReference(reference)).map(tip -> {
            if (tip == null || !remit.covers(tip)) {
                throw new NotFound();
            }
            return tip;
        });
    }

    /** The office-sealed copy of the tip's dialogue key, or null when the tip has no mailbox. */
    public Uni<byte[]> sealedDialogueKey(Tip tip) {
        return dialogueKeys.officeSealedKey(tip.id);
    }

    /** The tip's dialogue key, opened with the office private key; 409 when it has none or it does not open. */
    public Uni<DialogueKey> dialogueKey(Tip tip) {
        return sealedDialogueKey(tip).map(sealed -> openDialogueKey(tip, sealed));
    }

    /** Opens an office-sealed dialogue key of this tip; 409 when there is none or it does not open. */
    public DialogueKey openDialogueKey(Tip tip, byte[] sealed) {
        if (sealed == null) {
            throw noMailbox();
        }
        try {
            return DialogueKey.of(privateKey.open(sealed, Bindings.officeDialogueKey(tip.id)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw undecryptable();
        }
    }

    /** A row whose ciphertext is not its own (tampering) or whose key is gone (shredded). */
    public static Conflict undecryptable() {
        return new Conflict("This record cannot be decrypted with the office keyset: it was altered, or its key was destroyed.");
    }

    /** A tip from before follow-up existed. */
    public static Conflict noMailbox() {
        return new Conflict("This tip was received before follow-up existed and has no mailbox.");
    }
}
