package org.tipline.office.staff;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 seconds: what every
 * authenticator app reads from an {@code otpauth://} URI). A code is accepted one step
 * either side of now, and never twice: the caller stores the step of the last accepted code.
 */
public final class Totp {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int SECRET_BYTES = 20;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);

    public static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** The enrolment URI an authenticator app scans; shown once when the account is created. */
    public static String enrolmentUri(String issuer, String username, byte[] secret) {
        String label = URLEncoder.encode(issuer + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + Base32.toBase32String(secret).replace("=", "")
                + "&issuer=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /**
     * The time step of {@code code} if it is valid at {@code now} (one step of clock drift
     * allowed) and later than {@code lastAcceptedStep}; empty otherwise.
     */
    public OptionalLong verify(byte[] secret, String code, long lastAcceptedStep, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        long currentStep = now.getEpochSecond() / STEP.getSeconds();
        OptionalLong accepted = OptionalLong.empty();
        for (long step = currentStep - 1; step <= currentStep + 1; step++) {
            String expected = codeAt(key, step);
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))
                    && step > lastAcceptedStep && accepted.isEmpty()) {
                accepted = OptionalLong.of(step);
            }
        }
        return accepted;
    }

    /** The code for {@code now}; used by tests and enrolment checks. */
    public String codeAt(byte[] secret, Instant now) {
        return codeAt(new SecretKeySpec(secret, "HmacSHA1"), now.getEpochSecond() / STEP.getSeconds());
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds()),
                    java.util.Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP key rejected", e);
        }
    }
}
