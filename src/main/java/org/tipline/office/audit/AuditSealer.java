package org.tipline.office.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficeMac;
import org.tipline.crypto.OfficePrivateKey;

/**
 * Seals the audit chain's head: a MAC over {@code int64(seq) || hash} under a key derived
 * from the office private keyset ({@link OfficeMac}), which only the review process holds.
 * Application-scoped, so the key is derived at the first use, never in the intake role.
 */
@ApplicationScoped
public class AuditSealer {

    private final OfficePrivateKey officeKey;
    private volatile OfficeMac mac;

    public AuditSealer(OfficePrivateKey officeKey) {
        this.officeKey = officeKey;
    }

    /** The seal of the entry with this seq and chain hash. */
    public byte[] seal(long seq, byte[] hash) {
        return mac().tag(message(seq, hash));
    }

    /** Whether {@code seal} is this key's seal of the entry with this seq and chain hash. */
    public boolean verifies(byte[] seal, long seq, byte[] hash) {
        return mac().verifies(seal, message(seq, hash));
    }

    private static byte[] message(long seq, byte[] hash) {
        return ByteBuffer.allocate(Long.BYTES + hash.length).putLong(seq).put(hash).array();
    }

    private OfficeMac mac() {
        OfficeMac current = mac;
        if (current == null) {
            try {
                current = OfficeMac.derive(officeKey, Bindings.OFFICE_MAC_AUDIT_CHAIN);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the audit seal key could not be derived", e);
            }
            mac = current;
        }
        return current;
    }
}
