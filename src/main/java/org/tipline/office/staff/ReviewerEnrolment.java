package org.tipline.office.staff;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficePublicKey.SealedBytes;

/**
 * Creates an office account: the Argon2id password hash, a fresh TOTP secret sealed to the
 * office public key, and the enrolment URI, which is shown once and never stored. Shared
 * by the command line and the admin API.
 */
public final class ReviewerEnrolment {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 256;

    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final BiFunction<byte[], byte[], SealedBytes> sealToOffice;

    public ReviewerEnrolment(PasswordHasher hasher, SecureRandom random,
            BiFunction<byte[], byte[], SealedBytes> sealToOffice) {
        this.hasher = hasher;
        this.random = random;
        this.sealToOffice = sealToOffice;
    }

    /** The new account and its TOTP enrolment URI. Throws {@link IllegalArgumentException} naming the bad field. */
    public Enrolled enrol(String username, char[] password, Collection<ReviewerRole> roles, Collection<String> programs,
            String unit, LocalDate today) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: 2 to 63 characters of a-z, 0-9, '.', '_' or '-'");
        }
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("password: " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("roles: at least one of reviewer, coordinator, auditor, admin");
        }
        if (programs == null || programs.isEmpty() || !programs.stream().allMatch(p -> p != null && NAME.matcher(p).matches())) {
            throw new IllegalArgumentException("programs: at least one program name of letters, digits, '.', '_' or '-'");
        }
        if (unit != null && !NAME.matcher(unit).matches()) {
            throw new IllegalArgumentException("unit: letters, digits, '.', '_' or '-'");
        }
        Reviewer reviewer = new Reviewer();
        reviewer.id = UUID.randomUUID();
        reviewer.username = username;
        reviewer.passwordHash = hasher.hash(password);
        reviewer.roles = ReviewerRole.sortedByLabel(roles);
        reviewer.programs = Set.copyOf(programs).stream().sorted().toArray(String[]::new);
        reviewer.unit = unit;
        byte[] secret = Totp.newSecret(random);
        try {
            SealedBytes sealed = sealToOffice.apply(secret, Bindings.totpSecret(reviewer.id));
            reviewer.totpSealed = sealed.ciphertext();
            reviewer.totpKeyId = sealed.keyId();
            reviewer.totpLastStep = 0;
            reviewer.createdOn = today;
            return new Enrolled(reviewer, Totp.enrolmentUri("tipline", username, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A new account and the URI to enrol its authenticator; the URI is shown once. */
    public record Enrolled(Reviewer reviewer, String totpUri) {
    }
}
