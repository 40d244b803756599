package org.tipline.tipster.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TipsterCredentialsTests {

    private final SecureRandom random = new SecureRandom();

    @Test
    void passphrasesAreSevenWordsOfTheFullListAndOver90Bits() {
        assertThat(TipsterPassphrase.WORDLIST).hasSize(7_776).doesNotHaveDuplicates();
        assertThat(TipsterPassphrase.bits()).isGreaterThan(90);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String phrase = TipsterPassphrase.generate(random);
            assertThat(phrase.split(" ")).hasSize(7);
            assertThat(TipsterPassphrase.canonical(phrase)).isEqualTo(phrase);
            assertThat(seen.add(phrase)).isTrue();
        }
    }

    @Test
    void typedPassphrasesAreCanonicalOnlyWhenTheyAreSevenKnownWords() {
        assertThat(TipsterPassphrase.canonical(" Abacus  ABDOMEN abide\tability able ablaze drop-down "))
                .isEqualTo("abacus abdomen abide ability able ablaze drop-down");
        assertThat(TipsterPassphrase.canonical("abacus abdomen abide ability able ablaze")).isNull();
        assertThat(TipsterPassphrase.canonical("abacus abdomen abide ability able ablaze qwertyuiop")).isNull();
        assertThat(TipsterPassphrase.canonical("abacus abdomen abide ability able ablaze drop down")).isNull();
        assertThat(TipsterPassphrase.canonical(null)).isNull();
        assertThat(TipsterPassphrase.canonical("abacus ".repeat(100))).isNull();
    }

    @Test
    void storedParametersRoundTripAndEditedOnesAreRefusedBeforeAnyWork() {
        TipsterKdf kdf = TipsterKdf.fresh(1_024, 1, random);
        assertThat(TipsterKdf.parse(kdf.encode())).isEqualTo(kdf);
        String salt = kdf.encode().substring(kdf.encode().lastIndexOf('$'));
        assertThat(TipsterKdf.parse("$argon2id$v=19$m=4194304,t=1,p=1" + salt)).as("4 GiB").isNull();
        assertThat(TipsterKdf.parse("$argon2id$v=19$m=1024,t=99,p=1" + salt)).isNull();
        assertThat(TipsterKdf.parse("$argon2i$v=19$m=1024,t=1,p=1" + salt)).isNull();
        assertThat(TipsterKdf.parse("$argon2id$v=16$m=1024,t=1,p=1" + salt)).isNull();
        assertThat(TipsterKdf.parse("$argon2id$v=19$m=1024,t=1,p=1$short")).isNull();
        assertThat(TipsterKdf.parse(null)).isNull();
        assertThatThrownBy(() -> TipsterKdf.fresh(32, 1, random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVerifierAndTheWrappingKeyAreDistinctAndDependOnEveryInput() {
        TipsterKdf kdf = TipsterKdf.fresh(64, 1, random);
        String phrase = TipsterPassphrase.generate(random);
        TipsterSecrets secrets = TipsterSecrets.from(kdf.derive(phrase));
        assertThat(secrets.matches(TipsterSecrets.from(kdf.derive(phrase)).verifier())).isTrue();
        assertThat(secrets.matches(TipsterSecrets.from(kdf.derive(TipsterPassphrase.generate(random))).verifier())).isFalse();
        assertThat(secrets.matches(TipsterSecrets.from(TipsterKdf.fresh(64, 1, random).derive(phrase)).verifier())).isFalse();
        assertThat(secrets.wrappingKey().bytes()).isNotEqualTo(secrets.verifier());
        assertThat(secrets.matches(null)).isFalse();
        assertThat(secrets.toString()).doesNotContain(phrase);
    }
}
