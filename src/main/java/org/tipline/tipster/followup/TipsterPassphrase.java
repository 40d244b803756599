package org.tipline.tipster.followup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The tipster's follow-up passphrase: seven words drawn uniformly by tipline's CSPRNG from
 * the EFF large wordlist (7,776 words), so 7 × log2(7776) ≈ 90.5 bits. Shown once, in the
 * answer to the tip; tipline keeps only an Argon2id-derived verifier.
 *
 * <p>What the tipster types back is forgiving about case and spacing, nothing else: the
 * canonical form is the seven words in lower case, joined by single spaces.
 */
public final class TipsterPassphrase {

    public static final int WORDS = 7;
    static final List<String> WORDLIST = load();
    private static final Set<String> KNOWN = Set.copyOf(WORDLIST);

    private TipsterPassphrase() {
    }

    /** A new passphrase, in canonical form. */
    public static String generate(SecureRandom random) {
        StringJoiner phrase = new StringJoiner(" ");
        for (int i = 0; i < WORDS; i++) {
            phrase.add(WORDLIST.get(random.nextInt(WORDLIST.size())));
        }
        return phrase.toString();
    }

    /** The canonical form of a typed passphrase, or null when it is not seven words of the list. */
    public static String canonical(String typed) {
        if (typed == null || typed.length() > 200) {
            return null;
        }
        String[] words = typed.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length != WORDS) {
            return null;
        }
        for (String word : words) {
            if (!KNOWN.contains(word)) {
                return null;
            }
        }
        return String.join(" ", words);
    }

    /** The strength of a passphrase in bits. */
    public static double bits() {
        return WORDS * Math.log(WORDLIST.size()) / Math.log(2);
    }

    private static List<String> load() {
        try (InputStream in = TipsterPassphrase.class.getResourceAsStream("/followup/eff-large-wordlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("the passphrase wordlist is missing from the build");
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
            if (words.size() != 7_776 || Set.copyOf(words).size() != words.size()) {
                throw new IllegalStateException("the passphrase wordlist must hold 7,776 distinct words");
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new IllegalStateException("the passphrase wordlist cannot be read", e);
        }
    }
}
