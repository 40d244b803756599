package org.tipline.keys;

import java.time.LocalDate;
import org.tipline.crypto.OfficeKem;

/**
 * One key pair of the office keyset, as the keyset file lists it in clear: enough to see
 * which keys exist and which one new tips are encrypted to, without the passphrase.
 *
 * @param keyId     Tink's key id, unsigned 32-bit; it is also in each ciphertext's 5-byte prefix
 *                  and in the {@code key_id} column of each tip
 * @param kem       the HPKE key encapsulation
 * @param createdOn the UTC day the key pair was made (a day, not a time, on purpose)
 * @param primary   whether new tips are encrypted to this key
 */
public record OfficeKeyInfo(long keyId, OfficeKem kem, LocalDate createdOn, boolean primary) {

    /** The KEM as written in files and on the command line: {@code x25519} or {@code xwing}. */
    public String kemName() {
        return KemNames.name(kem);
    }
}
