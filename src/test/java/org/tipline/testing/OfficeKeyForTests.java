package org.tipline.testing;

import java.nio.file.Path;
import java.util.UUID;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.TipOpener;
import org.tipline.tip.TipPlaintext;

/** Decrypts stored tips with the demo private key the test application created. */
public final class OfficeKeyForTests {

    private OfficeKeyForTests() {
    }

    public static TipOpener opener() {
        try {
            Path privateFile = DemoKeys.privateFile(TestDatabase.DATA_DIR);
            return new TipOpener(KeysetFiles.readPrivate(privateFile));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TipPlaintext open(TipRows.TipRow row) throws Exception {
        return TipPlaintext.fromJson(opener().open(row.id(), row.formatVersion(), row.ciphertext()));
    }

    public static byte[] openRaw(UUID id, int version, byte[] ciphertext) throws Exception {
        return opener().open(id, version, ciphertext);
    }
}
