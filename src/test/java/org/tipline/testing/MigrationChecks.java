package org.tipline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the closed sets that the Flyway migrations' check constraints admit, so that a test
 * can pin an enum's labels to the text the database holds and accepts.
 */
public final class MigrationChecks {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private MigrationChecks() {
    }

    /**
     * The quoted values of {@code constraint <name> check (<column> in (...))} or
     * {@code check (<column> <@ array[...])}, in the order the migration lists them.
     */
    public static List<String> values(String migration, String constraint) {
        String sql = read(migration);
        Matcher check = Pattern.compile("constraint\\s+" + Pattern.quote(constraint)
                + "\\s+check\\s*\\(\\s*\\w+\\s*(?:in\\s*\\(([^)]*)\\)|<@\\s*array\\[([^\\]]*)\\])").matcher(sql);
        if (!check.find()) {
            throw new IllegalArgumentException(migration + " has no list check named " + constraint);
        }
        String list = check.group(1) != null ? check.group(1) : check.group(2);
        List<String> values = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(list);
        while (quoted.find()) {
            values.add(quoted.group(1));
        }
        return values;
    }

    /** The regular expression of {@code constraint <name> check (<column> ~ '<regex>' ...)}. */
    public static String pattern(String migration, String constraint) {
        Matcher check = Pattern.compile("constraint\\s+" + Pattern.quote(constraint) + "\\s+check\\s*\\(\\s*\\w+\\s*~\\s*'([^']*)'")
                .matcher(read(migration));
        if (!check.find()) {
            throw new IllegalArgumentException(migration + " has no pattern check named " + constraint);
        }
        return check.group(1);
    }

    private static String read(String migration) {
        try (InputStream in = MigrationChecks.class.getResourceAsStream("/db/migration/" + migration)) {
            if (in == null) {
                throw new IllegalArgumentException("no migration " + migration);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
