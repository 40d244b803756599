package org.tipline.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the office's identity provider: an RSA key pair made on first use and kept
 * under target/ (so the test profile, which configures its public key, and the tests, which
 * sign with its private key, share one key whatever class loader each runs in), and tokens
 * shaped like Keycloak's or Entra ID's access tokens.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://idp.tipline.test/realms/office";
    public static final String AUDIENCE = "tipline";
    private static final Path KEY_FILE = Path.of("target", "test-idp", "signing-key.p8").toAbsolutePath();

    private TestIdentityProvider() {
    }

    /** The public key as Quarkus' {@code quarkus.oidc.public-key} takes it: base64 of its X.509 encoding. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(signingKey().getPublic().getEncoded());
    }

    /** A Keycloak-style access token: realm roles under realm_access/roles, valid for five minutes. */
    public static JwtClaimsBuilder keycloakToken(String username, List<String> realmRoles, Object programs) {
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("sub-" + username)
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", realmRoles))
                .issuedAt(now)
                .expiresAt(now + 300);
        if (programs != null) {
            claims.claim("tipline_programs", programs);
        }
        return claims;
    }

    public static String sign(JwtClaimsBuilder claims) {
        return sign(claims, signingKey().getPrivate());
    }

    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId("test-idp-1").sign(key);
    }

    /** Another RSA key, which the identity provider never used. */
    public static KeyPair strangerKey() {
        return newKey();
    }

    /** A token with {@code alg: none} and no signature. */
    public static String unsigned(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static synchronized KeyPair signingKey() {
        try {
            if (!Files.exists(KEY_FILE)) {
                Files.createDirectories(KEY_FILE.getParent());
                Path temporary = Files.createTempFile(KEY_FILE.getParent(), "key", ".tmp");
                Files.write(temporary, newKey().getPrivate().getEncoded());
                Files.move(temporary, KEY_FILE, StandardCopyOption.ATOMIC_MOVE);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(KEY_FILE)));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
