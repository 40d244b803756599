package org.tipline.testing;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Base32;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.PasswordHasher;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerJdbc;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.office.staff.Totp;

/** Creates office accounts straight in the database and logs them in through the API. */
public final class OfficeAccounts {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");

    private final AgroalDataSource dataSource;
    private final ReviewerEnrolment enrolment;
    private final Totp totp = new Totp();

    public OfficeAccounts(AgroalDataSource dataSource, OfficePublicKey officeKey) {
        this.dataSource = dataSource;
        SecureRandom random = new SecureRandom();
        this.enrolment = new ReviewerEnrolment(new PasswordHasher(random), random, officeKey::seal);
    }

    /** A fresh account with a unique username. */
    public Account create(String prefix, List<ReviewerRole> roles, List<String> programs, String unit) {
        String username = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        ReviewerEnrolment.Enrolled enrolled = enrolment.enrol(username, PASSWORD.toCharArray(), roles, programs, unit,
                LocalDate.now());
        try (Connection c = dataSource.getConnection()) {
            ReviewerJdbc.insert(c, enrolled.reviewer());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Account(username, secretOf(enrolled.totpUri()));
    }

    public static byte[] secretOf(String totpUri) {
        Matcher matcher = SECRET.matcher(totpUri);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no secret in the enrolment URI");
        }
        String base32 = matcher.group(1);
        while (base32.length() % 8 != 0) {
            base32 += "=";
        }
        return Base32.decode(base32);
    }

    public String code(Account account) {
        return totp.codeAt(account.secret(), Instant.now());
    }

    /** Logs in and returns the bearer token. */
    public String login(Account account) {
        return given().contentType("application/json")
                .body(Map.of("username", account.username(), "password", PASSWORD, "totp", code(account)))
                .post("/api/v1/review/session")
                .then().statusCode(200).extract().path("token");
    }

    public record Account(String username, byte[] secret) {
    }
}
