package org.tipline.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TipReferenceTests {

    private final TipReference references = new TipReference(new SecureRandom());

    @Test
    void tenThousandReferencesAreUniqueWellFormedAndUnordered() {
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            generated.add(references.next());
        }
        assertThat(new HashSet<>(generated)).hasSize(10_000);
        assertThat(generated).allMatch(reference -> TipReference.FORMAT.matcher(reference).matches());

        // Sorting must not recover creation order: about half of consecutive pairs ascend.
        int ascending = 0;
        for (int i = 1; i < generated.size(); i++) {
            if (generated.get(i).compareTo(generated.get(i - 1)) > 0) {
                ascending++;
            }
        }
        double share = ascending / (double) (generated.size() - 1);
        assertThat(share).isBetween(0.45, 0.55);

        // Every position uses the whole alphabet: no fixed or time-derived characters.
        for (int position = 4; position < generated.get(0).length(); position++) {
            if (generated.get(0).charAt(position) == '-') {
                continue;
            }
            HashSet<Character> seen = new HashSet<>();
            for (String reference : generated) {
                seen.add(reference.charAt(position));
            }
            assertThat(seen).as("symbols at position " + position).hasSize(32);
        }
    }

    @Test
    void aTypedReferenceIsNormalized() {
        String reference = references.next();
        String sloppy = reference.toLowerCase().replace("-", " ").replace("tip ", "tip");
        assertThat(TipReference.normalize(sloppy)).isEqualTo(reference);
        assertThat(TipReference.normalize("TIP-O0O0-1IL1-0000-0000")).isEqualTo("TIP-0000-1111-0000-0000");
        assertThat(TipReference.normalize("TIP-0000-0000-0000")).isNull();
        assertThat(TipReference.normalize("TIP-UUUU-0000-0000-0000")).isNull();
        assertThat(TipReference.normalize("../../etc/passwd")).isNull();
        assertThat(TipReference.normalize(null)).isNull();
    }
}
