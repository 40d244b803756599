package org.tipline.keys;

import com.google.crypto.tink.Key;
import org.tipline.crypto.OfficeKem;

/** The names of {@link OfficeKem} in keyset files and on the command line: {@code x25519}, {@code xwing}. */
public final class KemNames {

    private KemNames() {
    }

    public static String name(OfficeKem kem) {
        return kem.label();
    }

    /** The KEM of this name; {@link IllegalArgumentException} for any other name. */
    public static OfficeKem parse(String name) {
        for (OfficeKem kem : OfficeKem.values()) {
            if (name(kem).equals(name)) {
                return kem;
            }
        }
        throw new IllegalArgumentException("unknown KEM (expected x25519 or xwing)");
    }

    /** The KEM of a key in an office keyset, or null when the key is not one tipline creates. */
    public static OfficeKem of(Key key) {
        return OfficeKem.of(key.getParameters());
    }
}
