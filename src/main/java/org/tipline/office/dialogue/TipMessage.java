package org.tipline.office.dialogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message of a tip's conversation, sealed under the tip's dialogue key. */
@Entity
@Table(name = "tip_message")
public class TipMessage {

    @Id
    public UUID id;

    @Column(name = "tip_id")
    public UUID tipId;

    @Column(name = "message_no")
    public int number;

    /** tipster or office. */
    public String sender;

    /** The reviewer who wrote an office message; null for the tipster's. */
    public String author;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "format_version")
    public short formatVersion;

    public byte[] ciphertext;
}
