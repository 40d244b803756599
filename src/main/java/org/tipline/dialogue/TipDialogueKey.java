package org.tipline.dialogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A tip's dialogue key as sealed to the office key: a read-only view of two columns of
 * the tip row. Kept apart from {@link org.tipline.review.Tip} so that listing and reading
 * tips never load it (about 1.2 KB a tip with X-Wing); only the conversation and rewards do.
 */
@Entity
@Immutable
@Table(name = "tip")
public class TipDialogueKey {

    @Id
    public UUID id;

    /** Null for tips received before follow-up existed. */
    @Column(name = "office_dialogue_key")
    public byte[] officeDialogueKey;
}
