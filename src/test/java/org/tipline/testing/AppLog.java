package org.tipline.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The application log of the test run ({@code target/test-logs/tipline.log}, format
 * {@code %d{HH:mm:ss} %-5p [%c{2.}] %s%e%n}) read from a point on, and checked line by line:
 * every line must be one the log format writes (a record, or a line of the stack trace that
 * follows one), with no control character but tab, so that no input can forge a line, split
 * one or colour a terminal.
 */
public final class AppLog {

    public static final Path FILE = Path.of("target", "test-logs", "tipline.log");

    /** A line as the file handler writes it: time, level padded to five, category, message. */
    public static final Pattern LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \\[[^\\]]+\\] .*");
    /**
     * A line of a stack trace, which the format's {@code %e} writes after a record: a frame, a
     * count of frames left out, or the cause or suppressed exception's class and message.
     */
    public static final Pattern STACK_TRACE_LINE = Pattern.compile(
            "\\t+(at [\\w$.<>/@-]+\\([^)]*\\)|\\.\\.\\. \\d+ more|Suppressed: .*)|Caused by: .*");

    private AppLog() {
    }

    /** Where the log ends now: pass it to {@link #linesSince} later. */
    public static long end() throws IOException {
        return Files.exists(FILE) ? Files.size(FILE) : 0;
    }

    /**
     * The lines written since {@code offset}, split on LF only, so that a stray CR stays
     * visible. A record being appended at the moment of reading can show up half written,
     * or as NUL bytes where the file has grown but its bytes are not there yet; the read is
     * repeated for up to a second until the text ends a line and holds no NUL. A NUL that
     * stays is returned, and {@link #badLines} reports it.
     */
    public static List<String> linesSince(long offset) throws IOException {
        if (!Files.exists(FILE)) {
            return List.of();
        }
        String text = read(offset);
        for (int attempt = 0; attempt < 20 && !complete(text); attempt++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            text = read(offset);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static boolean complete(String text) {
        return text.indexOf('\0') < 0 && (text.isEmpty() || text.endsWith("\n"));
    }

    private static String read(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "r")) {
            long start = offset <= file.length() ? offset : 0; // the file was started afresh
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The lines that break the format or hold a control character other than tab. A stack
     * trace line passes only right after a record or another stack trace line.
     */
    public static List<String> badLines(List<String> lines) {
        List<String> bad = new ArrayList<>();
        boolean afterRecord = false;
        for (String line : lines) {
            boolean record = LINE.matcher(line).matches();
            boolean trace = afterRecord && STACK_TRACE_LINE.matcher(line).matches();
            if (!(record || trace) || hasControl(line)) {
                bad.add(line);
            }
            afterRecord = (record || trace) && !hasControl(line);
        }
        return bad;
    }

    /** C0 controls but tab, DEL, C1 controls, and the Unicode line and paragraph separators. */
    static boolean hasControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
