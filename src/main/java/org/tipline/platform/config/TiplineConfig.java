package org.tipline.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** tipline's own settings; each key also reads from the matching TIPLINE_* environment variable. */
@ConfigMapping(prefix = "tipline")
public interface TiplineConfig {

    /** What this process serves: intake, review or all-in-one. */
    @WithDefault("all-in-one")
    @WithConverter(ServiceRole.Converter.class)
    ServiceRole role();

    /** Home of the embedded database ({@code pg/}) and the demo keys ({@code keys/}). */
    Path dataDir();

    /**
     * Whether an intake or review process may start the embedded PostgreSQL when no server is
     * configured. Off: the split roles are for production, where both must reach one server
     * (and an embedded database per process would split the tips from the office). On only
     * to try the split roles out on one machine; all-in-one always may.
     */
    @WithDefault("false")
    boolean allowEmbeddedDatabase();

    /** Stored received-times are truncated to this; it must divide a day evenly. */
    @WithDefault("PT1H")
    Duration timeGranularity();

    /** The public half of the office keyset (Tink JSON). Unset: a demo key pair under {@code data-dir/keys}. */
    Optional<Path> officePublicKeyset();

    /**
     * The office keyset: private keys encrypted under a key-encryption key (see {@code keys init}).
     * Unlocked at start by the review role; never read by the intake role.
     */
    Optional<Path> officeKeyset();

    /**
     * A file (or secret mount) holding the passphrase that unlocks {@link #officeKeyset()}.
     * Not needed, and not read, when the keyset is encrypted under a KMS key.
     */
    Optional<Path> officeKeyPassphraseFile();

    /**
     * Credentials for the KMS that holds the keyset's key-encryption key: an AWS properties
     * file ({@code accessKey}, {@code secretKey}) or a Google service-account JSON key. Unset
     * (the usual case), the platform's default chain applies: an instance role or workload
     * identity, or the cloud SDK's own environment variables.
     */
    Optional<Path> officeKmsCredentialsFile();

    /**
     * The KMS key the review role trusts to hold the office keyset ({@code aws-kms://...} or
     * {@code gcp-kms://...}). Required for a keyset under a KMS key, refused for a passphrase
     * one: the file alone never decides which key-encryption key is trusted.
     */
    Optional<String> officeKmsKeyUri();

    Intake intake();

    Review review();

    Followup followup();

    Oidc oidc();

    ProofOfWork proofOfWork();

    /**
     * Proof-of-work (ALTCHA) in front of keyless tips and passphrase sign-ins; see
     * docs/proof-of-work.md.
     */
    interface ProofOfWork {
        /** Whether a tip posted without a channel key must carry a solved challenge. */
        @WithDefault("true")
        boolean keylessTips();

        /** Whether a tipster's passphrase sign-in must carry a solved challenge (session tokens never do). */
        @WithDefault("true")
        boolean signins();

        /** How long a challenge may be solved and used after it was handed out. */
        @WithDefault("PT10M")
        Duration challengeTtl();

        /**
         * The difficulty while few tips arrive: the largest number a client may have to try
         * (ALTCHA's maxnumber). A client tries half of it on average: 100,000 SHA-256 hashes
         * take about 0.3 to 1 s in a phone's browser.
         */
        @WithDefault("100000")
        long baseDifficulty();

        /**
         * Accepted tips per minute, across all intake processes, at which the difficulty first
         * doubles; it doubles again each time the rate doubles.
         */
        @WithDefault("60")
        long stepRate();

        /** The difficulty never rises above this. */
        @WithDefault("10000000")
        long maxDifficulty();

        /** How long one HMAC key signs challenges; challenges of the previous key are still checked. */
        @WithDefault("P1D")
        Duration keyRotation();

        /** How often an intake process adds its accepted tips to the shared counters and reads them back. */
        @WithDefault("PT1S")
        Duration flushInterval();
    }

    Channels channels();

    Page page();

    /** The tipster's page, served by intake at {@code /} (docs/page.md). */
    interface Page {
        /**
         * The origins allowed to show the page in a frame (the page's Content-Security-Policy
         * {@code frame-ancestors}), such as {@code https://www.example-crimestoppers.org}.
         * Unset: no site may frame it ({@code 'none'}).
         */
        Optional<List<String>> frameAncestors();

        /**
         * Tips per hour, across all intake processes, that the page's form may take without
         * JavaScript (and so without proof-of-work), as the built-in channel
         * {@code web-form}. 0 turns the no-JavaScript submission off.
         */
        @WithDefault("30")
        int formTipsPerHour();
    }

    /** The front ends (channels) that post tips, each with its own API key (docs/channels.md). */
    interface Channels {
        /**
         * How often an intake process reloads the channels from the database, so that a
         * channel created, rotated or revoked by the review process or the command line takes
         * effect within this time.
         */
        @WithDefault("PT5S")
        Duration refreshInterval();

        /**
         * Whether a tip posted without {@code X-Tipline-Channel-Key} is accepted, as a tip of
         * the built-in channel {@link #keylessName()}. Off: only front ends with a key can post.
         */
        @WithDefault("true")
        boolean acceptKeyless();

        /** The channel name stored with a tip posted without a key; no created channel may take it. */
        @WithDefault("web")
        String keylessName();
    }

    /**
     * How a token from the office's identity provider becomes a tipline caller. Used only when
     * the identity provider is switched on ({@code quarkus.oidc.tenant-enabled=true}).
     */
    interface Oidc {
        /**
         * Identity-provider role (as found at {@code quarkus.oidc.roles.role-claim-path}) to
         * tipline role (reviewer, coordinator, auditor or admin), as
         * {@code tipline.oidc.role-map."Tipline.Coordinator"=coordinator} in a properties file.
         * Roles not named here or in {@link #roleMappings()} are dropped.
         */
        Map<String, String> roleMap();

        /**
         * The same as {@code idp-role=tipline-role} pairs in one comma list, for environment
         * variables, which cannot carry a map key's case or dots:
         * {@code TIPLINE_OIDC_ROLE_MAPPINGS=Tipline.Coordinator=coordinator,cs-reviewer=reviewer}.
         */
        Optional<List<String>> roleMappings();

        /** The claim naming the caller's programs: an array, or one string separated by spaces or commas. */
        @WithDefault("tipline_programs")
        String programsClaim();

        /** The claim naming the caller's unit, a string. */
        @WithDefault("tipline_unit")
        String unitClaim();

        /** The claim holding the caller's username; {@code sub} when it is absent. */
        @WithDefault("preferred_username")
        String usernameClaim();
    }

    Console console();

    /** The office console, served by the review role at {@code /office/} (docs/console.md). */
    interface Console {
        ConsoleOidc oidc();
    }

    /**
     * The console's "Sign in with ..." button: authorization code flow with PKCE at the office's
     * identity provider, as a public client (no secret). Offered only when {@link #clientId()} is
     * set; the review API must then accept the provider's tokens ({@code quarkus.oidc.tenant-enabled=true}).
     */
    interface ConsoleOidc {
        /** The console's client id at the provider: a public client, authorization code with PKCE. */
        Optional<String> clientId();

        /**
         * The provider's issuer, where {@code .well-known/openid-configuration} lives. Unset: {@code
         * quarkus.oidc.auth-server-url}. The console's Content-Security-Policy lets it connect to this origin.
         */
        Optional<String> issuer();

        /** The scopes the console asks for, separated by spaces; must include {@code openid}. */
        @WithDefault("openid")
        String scope();

        /** The provider's name on the button ("Sign in with ..."). Unset: the issuer's host. */
        Optional<String> name();
    }

    interface Review {
        /** How long a reviewer's bearer token lives; refreshing extends it up to {@link #sessionMaxAge()}. */
        @WithDefault("PT15M")
        Duration sessionTtl();

        /** No session lives longer than this from its login, however often it is refreshed. */
        @WithDefault("PT8H")
        Duration sessionMaxAge();

        /** Failed logins allowed per minute across all accounts before logins are refused with 429. */
        @WithDefault("30")
        int failedLoginsPerMinute();
    }

    interface Intake {
        /** The categories a tip may carry, stored in clear for routing. */
        List<String> categories();

        /** The program that tips posted to this intake belong to. */
        @WithDefault("default")
        String program();

        /**
         * Tip insert statements one intake process runs at once. Tips that arrive while this
         * many are running wait for the next statement, which stores them all together (up to
         * 64) and commits once: under load, one commit for many tips; with few tipsters, each
         * tip is written at once, alone. docs/database.md, "How tips are written".
         */
        @WithDefault("4")
        int insertStatements();
    }

    interface Followup {
        /**
         * Argon2id memory for the tipster's passphrase, in KiB. The passphrase is seven words
         * drawn by tipline (more than 90 bits), so the cost guards depth, not the secret's
         * strength; it is paid once per submitted tip and once per sign-in. docs/threat-model.md
         * gives the guessing cost.
         */
        @WithDefault("256")
        int kdfMemoryKib();

        /** Argon2id passes over the memory. */
        @WithDefault("1")
        int kdfIterations();

        /** How long a tipster session token lives. It is never extended. */
        @WithDefault("PT15M")
        Duration sessionTtl();

        /**
         * Failed follow-up sign-ins allowed per minute across all tips. When spent, every
         * sign-in with a passphrase gets 429 until the budget refills: this is what bounds
         * guessing.
         */
        @WithDefault("600")
        int failedSigninsPerMinute();

        /** Failed sign-ins on one tip reference before its failures are answered slowly. */
        @WithDefault("3")
        int freeFailuresPerReference();

        /** The longest a failed sign-in on one reference is held before its answer; it doubles up to this. */
        @WithDefault("PT30S")
        Duration maxFailureDelay();

        /** Passphrase derivations (Argon2id) waiting for a worker before new ones get 503. */
        @WithDefault("256")
        int kdfQueue();

        /**
         * Argon2id memory, in KiB, of the decoy that the sealed follow-up's kdf lookup answers for
         * a reference without a sealed sign-in: the cost the tip page gives new sealed tips, so a
         * decoy looks like a real answer. Never derived on intake (docs/crypto.md, section 8).
         */
        @WithDefault("65536")
        int sealedKdfMemoryKib();

        /** Argon2id passes of that decoy. */
        @WithDefault("3")
        int sealedKdfIterations();
    }
}
