package org.tipline.keys;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;

/**
 * Which office keys a process holds, by role. Decided here once, for the start check (which
 * stops a misconfigured start with one line) and for the key beans.
 *
 * <ul>
 * <li>{@code intake}: the public keyset from {@code TIPLINE_OFFICE_PUBLIC_KEYSET}, never any
 *     private key; a keyset holding private material is refused.</li>
 * <li>{@code review}: the office keyset ({@code TIPLINE_OFFICE_KEYSET}), unlocked through its
 *     KMS key or the passphrase file; the public keyset is derived from it, and a configured
 *     public keyset must be its public half.</li>
 * <li>{@code all-in-one}: like review when the office keyset is set; otherwise the demo key
 *     pair under the data directory.</li>
 * </ul>
 */
public final class RoleKeys {

    private final TiplineConfig config;
    private final ServiceRole role;

    public RoleKeys(TiplineConfig config) {
        this.config = config;
        this.role = config.role();
    }

    /** The public keyset new tips are sealed to, and whether it is the demo key pair. */
    public record PublicKeyset(KeysetHandle keyset, boolean demo, Path folder) {
    }

    /** True when this role holds the office private keyset. */
    public boolean holdsPrivateKeyset() {
        return role.servesReview();
    }

    /** The office private keyset, unlocked. Never for the intake role. */
    public KeysetHandle privateKeyset() throws KeyLoadingException {
        if (!holdsPrivateKeyset()) {
            throw new KeyLoadingException("the intake role never holds the office private key");
        }
        if (config.officeKeyset().isEmpty()) {
            if (role == ServiceRole.REVIEW) {
                throw new KeyLoadingException(OfficeKeyCustody.REVIEW_NEEDS_KEYSET);
            }
            DemoKeys.ensure(config.dataDir());
            return KeysetFiles.readPrivate(DemoKeys.privateFile(config.dataDir()));
        }
        // Through the KMS when the file names a KMS key; otherwise with the passphrase file.
        return new OfficeKeyCustody().unlockAtStart(config.officeKeyset().get(), config.officeKeyPassphraseFile(),
                config.officeKmsKeyUri(), new KmsAccess(config.officeKmsCredentialsFile()));
    }

    /**
     * The public keyset of this role. {@code privateKeyset} is the role's unlocked private
     * keyset, or null for the intake role; the public half is derived from it.
     */
    public PublicKeyset publicKeyset(KeysetHandle privateKeyset) throws KeyLoadingException {
        if (config.officePublicKeyset().isPresent()) {
            // Read (and a private keyset refused) in every role, so a wrong file is named at once.
            KeysetHandle configured = KeysetFiles.readPublic(config.officePublicKeyset().get());
            if (role == ServiceRole.INTAKE) {
                return new PublicKeyset(configured, false, null);
            }
            if (config.officeKeyset().isEmpty() && role == ServiceRole.ALL_IN_ONE) {
                throw new KeyLoadingException("all-in-one with TIPLINE_OFFICE_PUBLIC_KEYSET also needs the private "
                        + "half, TIPLINE_OFFICE_KEYSET; or set TIPLINE_ROLE=intake");
            }
            KeysetHandle derived = derive(privateKeyset);
            if (!configured.equalsKeyset(derived)) {
                throw new KeyLoadingException("TIPLINE_OFFICE_PUBLIC_KEYSET is not the public half of "
                        + "TIPLINE_OFFICE_KEYSET; export it again with 'keys export-public'");
            }
            return new PublicKeyset(derived, false, null);
        }
        if (role == ServiceRole.INTAKE) {
            throw new KeyLoadingException("the intake role needs TIPLINE_OFFICE_PUBLIC_KEYSET, the office public keyset");
        }
        if (config.officeKeyset().isPresent()) {
            return new PublicKeyset(derive(privateKeyset), false, null);
        }
        Path file = DemoKeys.ensure(config.dataDir());
        return new PublicKeyset(KeysetFiles.readPublic(file), true, file.getParent().toAbsolutePath());
    }

    /** Loads everything this role holds, as the start check does; the reason in one line if it fails. */
    public void check() throws KeyLoadingException {
        publicKeyset(holdsPrivateKeyset() ? privateKeyset() : null);
    }

    private static KeysetHandle derive(KeysetHandle privateKeyset) throws KeyLoadingException {
        try {
            return privateKeyset.getPublicKeysetHandle();
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("the office keyset has no public half (" + e.getClass().getSimpleName() + ")");
        }
    }
}
