package org.tipline.office.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An investigator's note on a tip, sealed to the office key like the tip itself. */
@Entity
@Table(name = "tip_note")
public class TipNote {

    @Id
    public UUID id;

    @Column(name = "tip_id")
    public UUID tipId;

    public String author;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "key_id")
    public long keyId;

    @Column(name = "format_version")
    public short formatVersion;

    public byte[] ciphertext;

    /** The sealed form of a note, padded like tips so its length tells little. */
    static byte[] plaintext(String text) {
        return org.tipline.crypto.PaddedText.of(text);
    }

    static String text(byte[] plaintext) throws java.io.IOException {
        return org.tipline.crypto.PaddedText.text(plaintext);
    }
}
