package org.tipline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A byte search through files: the database directory (WAL included), logs, temp files. */
public final class LeakScan {

    private LeakScan() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The regular files under {@code root} (or {@code root} itself) that hold any of the markers. */
    public static List<Path> filesHolding(Path root, List<byte[]> markers) throws IOException {
        List<Path> hits = new ArrayList<>();
        if (!Files.exists(root)) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue; // a file removed while walking (temporary stats files)
                }
                // Latin-1 maps each byte to one char, so String.indexOf (a JVM intrinsic) is a byte search.
                String text = new String(content, StandardCharsets.ISO_8859_1);
                for (byte[] marker : markers) {
                    if (text.indexOf(new String(marker, StandardCharsets.ISO_8859_1)) >= 0) {
                        hits.add(file);
                        break;
                    }
                }
            }
        }
        return hits;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
