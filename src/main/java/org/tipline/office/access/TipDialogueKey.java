package org.tipline.office.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A tip's dialogue key as sealed to the office key, from the tip's follow-up row (read
 * only). Tips received before follow-up existed have no such row.
 */
@Entity
@Immutable
@Table(name = "tip_dialogue")
public class TipDialogueKey {

    @Id
    @Column(name = "tip_id")
    public UUID id;

    @Column(name = "office_dialogue_key")
    public byte[] officeDialogueKey;
}
