package org.tipline.office.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void aHashIsAnArgon2idPhcStringThatVerifiesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify(hash, "correct horse battery staple".toCharArray())).isTrue();
        assertThat(hasher.verify(hash, "correct horse battery stapler".toCharArray())).isFalse();
        assertThat(hasher.hash("correct horse battery staple".toCharArray())).as("salted").isNotEqualTo(hash);
    }

    @Test
    void aMissingOrMalformedHashNeverVerifies() {
        for (String stored : new String[] {null, "", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdA$aGFzaA", "plain text",
                "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGE"}) {
            assertThat(hasher.verify(stored, "anything at all".toCharArray())).as(String.valueOf(stored)).isFalse();
        }
    }
}
