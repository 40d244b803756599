package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The character-by-character checks on the tip's path accept exactly what their regular
 * expressions accept: valid texts, and each of them with one character changed, dropped or
 * added, in every position.
 */
class TextFormsTests {

    private static final String ALPHABET = "0123456789abcdefABCDEFGHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz-_.=+/ \u00e9\u0660";
    private final Random random = new Random(20261206);

    @Test
    void tipIdsReferencesTokensAndChannelKeysMatchTheirExpressions() {
        SecureRandom secure = new SecureRandom();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            String reference = "TIP-7KQ3-9XHD-M2PF-" + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt(i) + "RTA";
            valid.add(id.toString());
            valid.add(reference);
            byte[] key = new byte[32];
            secure.nextBytes(key);
            valid.add(new BindingToken(id, reference, 1798760000L + i, 20819 + i).sign(key));
            valid.add(ChannelKeys.newKey(secure));
        }
        int checked = 0;
        for (String text : valid) {
            for (String variant : variants(text)) {
                assertThat(BindingToken.isTipId(variant)).as(variant)
                        .isEqualTo(BindingToken.TIP_ID.matcher(variant).matches());
                assertThat(BindingToken.isReference(variant)).as(variant)
                        .isEqualTo(BindingToken.REFERENCE.matcher(variant).matches());
                assertThat(BindingToken.parse(variant) != null).as(variant)
                        .isEqualTo(BindingToken.FORM.matcher(variant).matches());
                assertThat(ChannelKeys.wellFormed(variant)).as(variant)
                        .isEqualTo(ChannelKeys.FORMAT.matcher(variant).matches());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(BindingToken.isTipId(null)).isFalse();
        assertThat(BindingToken.parse(null)).isNull();
        assertThat(ChannelKeys.wellFormed(null)).isFalse();
    }

    @Test
    void aParsedTokenGivesBackItsFields() {
        UUID id = UUID.fromString("0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90");
        BindingToken token = BindingToken.parse(
                "0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90.TIP-7KQ3-9XHD-M2PF-4RTA.1798760000.20819."
                        + "YXoV6el_7GCFO-AwvNdWNWJCq8H935H5x0GkXu0P1ro");
        assertThat(token).isEqualTo(new BindingToken(id, "TIP-7KQ3-9XHD-M2PF-4RTA", 1798760000L, 20819));
    }

    private List<String> variants(String text) {
        List<String> out = new ArrayList<>();
        out.add(text);
        out.add(text.toUpperCase());
        out.add(text.toLowerCase());
        for (int i = 0; i <= text.length(); i++) {
            char other = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            if (i < text.length()) {
                out.add(text.substring(0, i) + other + text.substring(i + 1));
                out.add(text.substring(0, i) + text.substring(i + 1));
            }
            out.add(text.substring(0, i) + other + text.substring(i));
        }
        return out;
    }
}
