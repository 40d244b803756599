package org.tipline.tip;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored tip as the office works it. The content stays a ciphertext until a reader opens it. */
@Entity
@Table(name = "tip")
public class Tip {

    @Id
    public UUID id;

    public String reference;

    public String program;

    public String category;

    /** The front end the tip came through (a channel name), or null for tips stored before channels. */
    public String channel;

    @Convert(converter = TipStatusConverter.class)
    public TipStatus status;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "key_id")
    public long keyId;

    @Column(name = "format_version")
    public short formatVersion;

    public byte[] ciphertext;

    @Column(name = "assigned_unit")
    public String assignedUnit;

    public String assignee;

    @Convert(converter = TipDispositionConverter.class)
    public TipDisposition disposition;

    @Column(name = "dialogue_state")
    @Convert(converter = DialogueStateConverter.class)
    public DialogueState dialogueState;
}
