package org.tipline.office.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTests {

    private final Totp totp = new Totp();
    private final byte[] secret = Totp.newSecret(new SecureRandom());
    private final Instant now = Instant.parse("2026-11-25T12:00:10Z");
    private final long step = now.getEpochSecond() / 30;

    @Test
    void aCodeIsAcceptedOneStepEitherSideAndNeverTwice() {
        assertThat(totp.verify(secret, totp.codeAt(secret, now), 0, now)).hasValue(step);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(30)), 0, now)).hasValue(step - 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.plusSeconds(30)), 0, now)).hasValue(step + 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(90)), 0, now)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now), step, now)).as("replayed").isEmpty();
    }

    @Test
    void onlySixDigitsAreCodes() {
        for (String code : new String[] {null, "", "12345", "1234567", "12a456", " 123456"}) {
            assertThat(totp.verify(secret, code, 0, now)).isEmpty();
        }
    }

    @Test
    void theEnrolmentUriCarriesTheSecretInBase32() {
        String uri = Totp.enrolmentUri("tipline", "cora", secret);
        assertThat(uri).startsWith("otpauth://totp/tipline%3Acora?secret=").contains("&issuer=tipline&algorithm=SHA1&digits=6&period=30");
        assertThat(org.tipline.testing.OfficeAccounts.secretOf(uri)).isEqualTo(secret);
    }
}
