package org.tipline.office.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficeMac;
import org.tipline.crypto.OfficePrivateKey;

/**
 * Seals the audit chain's head: a MAC over {@code int64(seq) || hash} under a key derived
 * from the office private keyset ({@link OfficeMac}), which only the review process holds.
 * Application-scoped, so it is made (and its key derived) at its first use, never in the
 * intake role.
 */
@ApplicationScoped
public class AuditSealer {

    private final OfficeMac mac;

    public AuditSealer(OfficePrivateKey officeKey) {
        this.mac = OfficeMac.derive(officeKey, Bindings.OFFICE_MAC_AUDIT_CHAIN);
    }

    /** The seal of the entry with this seq and chain hash. */
    public byte[] seal(long seq, byte[] hash) {
        return mac.tag(message(seq, hash));
    }

    /** Whether {@code seal} is this key's seal of the entry with this seq and chain hash. */
    public boolean verifies(byte[] seal, long seq, byte[] hash) {
        return mac.verifies(seal, message(seq, hash));
    }

    private static byte[] message(long seq, byte[] hash) {
        return ByteBuffer.allocate(Long.BYTES + hash.length).putLong(seq).put(hash).array();
    }
}
