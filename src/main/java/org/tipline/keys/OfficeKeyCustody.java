package org.tipline.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;

/**
 * Custody of the office's private keyset: creating it, rotating it, publishing its public
 * half and unlocking it. The private keyset exists in clear only in memory; on disk it is
 * always the encrypted {@linkplain OfficeKeysetFile keyset file}.
 *
 * <p>Every failure is a {@link KeyLoadingException} (the file cannot be read, verified or
 * unlocked) or a {@link KeyCustodyException} (the operation is refused), each with a
 * one-line message that names the file and never holds key material.
 */
public final class OfficeKeyCustody {

    private final Clock clock;
    private final BooleanSupplier conscryptAvailable;

    /** Dates keys in UTC and uses X-Wing only where Conscrypt loads. */
    public OfficeKeyCustody() {
        this(Clock.systemUTC(), CryptoProviders::install);
    }

    /**
     * @param clock              dates new keys (UTC day)
     * @param conscryptAvailable registers Conscrypt and says whether it loaded
     */
    public OfficeKeyCustody(Clock clock, BooleanSupplier conscryptAvailable) {
        this.clock = clock;
        this.conscryptAvailable = conscryptAvailable;
    }

    /**
     * X-Wing, the post-quantum hybrid. Tips are kept for years, so a ciphertext recorded
     * today must resist a quantum computer built later; X-Wing stays as strong as X25519
     * if ML-KEM should fail. It needs Conscrypt (Linux x86_64 and aarch64) wherever tips are
     * sealed or opened; elsewhere choose {@link OfficeKem#X25519} explicitly.
     */
    public static OfficeKem defaultKem() {
        return OfficeKem.XWING;
    }

    /** Refuses a KEM that cannot be used on this machine, before any passphrase is asked for. */
    public void requireUsableHere(OfficeKem kem) throws KeyCustodyException {
        if (kem == OfficeKem.XWING && !conscryptAvailable.getAsBoolean()) {
            throw new KeyCustodyException("X-Wing keys need Conscrypt, which does not load on this platform "
                    + "(it ships for Linux x86_64 and aarch64): run this on such a host, or choose --kem x25519 "
                    + "(not post-quantum)");
        }
    }

    /** Refuses an {@code init} that would overwrite a keyset or use an unusable KEM. */
    public void checkInit(Path file, OfficeKem kem) throws KeyCustodyException {
        if (Files.exists(file)) {
            throw new KeyCustodyException("the office keyset " + file + " exists already; init never "
                    + "overwrites a keyset (use keys rotate to add a key pair)");
        }
        requireUsableHere(kem);
    }

    /**
     * Creates a keyset file with one new key pair, encrypted under a key derived from the
     * passphrase with Argon2id.
     *
     * @throws KeyCustodyException when the file exists, the passphrase is shorter than
     *         {@value Passphrase#MIN_LENGTH} characters, or the KEM cannot be used here
     */
    public OfficeKeysetStatus init(Path file, OfficeKem kem, Passphrase passphrase, Argon2idParameters argon2id)
            throws KeyCustodyException {
        checkInit(file, kem);
        if (passphrase.length() < Passphrase.MIN_LENGTH) {
            throw new KeyCustodyException("the passphrase is too short: use at least " + Passphrase.MIN_LENGTH
                    + " characters (a few random words are best)");
        }
        PassphraseKek kek;
        try {
            kek = PassphraseKek.create(passphrase, argon2id);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("the key-encryption key could not be derived ("
                    + e.getClass().getSimpleName() + ")");
        }
        return init(file, kem, kek);
    }

    /** Creates a keyset file with one new key pair, encrypted under the given key-encryption key. */
    public OfficeKeysetStatus init(Path file, OfficeKem kem, KeyEncryptionKey kek) throws KeyCustodyException {
        checkInit(file, kem);
        CryptoProviders.install();
        KeysetHandle keyset;
        try {
            keyset = KeysetHandle.generateNew(kem.parameters(), HybridConfig2026.get());
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("a " + KemNames.name(kem) + " key pair could not be generated ("
                    + e.getClass().getSimpleName() + ")");
        }
        OfficeKeyInfo key = new OfficeKeyInfo(Integer.toUnsignedLong(keyset.getPrimary().getId()), kem, today(), true);
        return write(file, keyset, kek, List.of(key), true);
    }

    /**
     * Adds a new key pair of the given KEM and makes it primary, so new tips are encrypted
     * to it. Older key pairs stay, so older tips still open. The keyset is re-encrypted
     * under the same key-encryption key.
     */
    public OfficeKeysetStatus rotate(Path file, OfficeKem kem, Passphrase passphrase)
            throws KeyLoadingException, KeyCustodyException {
        return rotate(file, kem, PassphraseKek.source(passphrase));
    }

    /** {@link #rotate(Path, OfficeKem, Passphrase)} with any key-encryption key. */
    public OfficeKeysetStatus rotate(Path file, OfficeKem kem, KeyEncryptionKeySource kekSource)
            throws KeyLoadingException, KeyCustodyException {
        requireUsableHere(kem);
        Unlocked unlocked = open(file, kekSource);
        KeysetHandle rotated;
        try {
            rotated = KeysetHandle.newBuilder(unlocked.keyset())
                    .addEntry(KeysetHandle.generateEntryFromParameters(kem.parameters()).withRandomId().makePrimary())
                    .setConfiguration(HybridConfig2026.get())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("a " + KemNames.name(kem) + " key pair could not be generated ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<OfficeKeyInfo> keys = new ArrayList<>();
        for (OfficeKeyInfo key : unlocked.contents().keys()) {
            keys.add(new OfficeKeyInfo(key.keyId(), key.kem(), key.createdOn(), false));
        }
        keys.add(new OfficeKeyInfo(Integer.toUnsignedLong(rotated.getPrimary().getId()), kem, today(), true));
        return write(file, rotated, unlocked.kek(), keys, false);
    }

    /**
     * The public half of the keyset in Tink JSON: what intake loads through
     * {@code TIPLINE_OFFICE_PUBLIC_KEYSET}, and what a front end may encrypt to.
     */
    public String publicKeysetJson(Path file, Passphrase passphrase) throws KeyLoadingException {
        Unlocked unlocked = open(file, PassphraseKek.source(passphrase));
        try {
            return KeysetFiles.publicJson(unlocked.keyset().getPublicKeysetHandle());
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("the public half of the office keyset " + file + " cannot be derived ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Writes the public half of the keyset to {@code out} (world-readable, it is public),
     * then reads it back the way intake does, so that what is written is what intake accepts.
     */
    public void exportPublic(Path file, Passphrase passphrase, Path out) throws KeyLoadingException, KeyCustodyException {
        if (sameFile(file, out)) {
            // Overwriting the keyset with its public half would destroy the office's private keys.
            throw new KeyCustodyException("the public keyset would overwrite the office keyset " + file
                    + "; write it to another file");
        }
        String json = publicKeysetJson(file, passphrase);
        try {
            AtomicFiles.write(out, json.getBytes(StandardCharsets.UTF_8), AtomicFiles.WORLD_READABLE, false);
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException("the public keyset cannot be written to " + out);
        }
        KeysetFiles.readPublic(out);
    }

    /** The file's public metadata, read without the passphrase and not verified. */
    public OfficeKeysetStatus status(Path file) throws KeyLoadingException {
        OfficeKeysetFile.Contents contents = OfficeKeysetFile.read(file);
        return new OfficeKeysetStatus(file, kekSummary(contents), contents.keys());
    }

    /**
     * Unlocks the keyset with the operator passphrase: the review role's way to get the
     * private keyset, for example {@code new TipOpener(custody.unlock(file, passphrase))}.
     *
     * @throws KeyLoadingException with "wrong passphrase or damaged file" when the
     *         passphrase is wrong or anything in the file was changed; also when the keyset
     *         holds X-Wing keys and Conscrypt does not load here
     */
    public KeysetHandle unlock(Path file, Passphrase passphrase) throws KeyLoadingException {
        return unlock(file, PassphraseKek.source(passphrase));
    }

    /** {@link #unlock(Path, Passphrase)} with any key-encryption key. */
    public KeysetHandle unlock(Path file, KeyEncryptionKeySource kekSource) throws KeyLoadingException {
        Unlocked unlocked = open(file, kekSource);
        boolean holdsXWing = unlocked.contents().keys().stream().anyMatch(key -> key.kem() == OfficeKem.XWING);
        if (holdsXWing && !conscryptAvailable.getAsBoolean()) {
            throw new KeyLoadingException("the office keyset " + file + " holds X-Wing keys, which need Conscrypt, "
                    + "and Conscrypt does not load on this platform (it ships for Linux x86_64 and aarch64)");
        }
        return unlocked.keyset();
    }

    private record Unlocked(OfficeKeysetFile.Contents contents, KeyEncryptionKey kek, KeysetHandle keyset) {
    }

    private Unlocked open(Path file, KeyEncryptionKeySource kekSource) throws KeyLoadingException {
        CryptoProviders.install();
        OfficeKeysetFile.Contents contents = OfficeKeysetFile.read(file);
        KeyEncryptionKey kek;
        try {
            kek = kekSource.open(contents.kek());
        } catch (IllegalArgumentException e) {
            throw new KeyLoadingException("the office keyset " + file + " cannot be unlocked: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("the office keyset " + file
                    + " cannot be unlocked: its key-encryption key is not available (" + e.getClass().getSimpleName() + ")");
        }
        KeysetHandle keyset;
        try {
            keyset = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    contents.encryptedKeyset(), kek.aead(), contents.associatedData(), HybridConfig2026.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadingException("the office keyset " + file + " cannot be unlocked: " + kek.unlockFailureHint());
        }
        if (!matches(contents.keys(), keyset)) {
            throw new KeyLoadingException("the office keyset " + file
                    + " cannot be unlocked: its key list does not match the encrypted keyset (damaged file)");
        }
        return new Unlocked(contents, kek, keyset);
    }

    /** The listed keys must be exactly the keyset's enabled HPKE private keys, in order, with the same primary. */
    private static boolean matches(List<OfficeKeyInfo> listed, KeysetHandle keyset) {
        if (listed.size() != keyset.size()) {
            return false;
        }
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            OfficeKeyInfo key = listed.get(i);
            if (Integer.toUnsignedLong(entry.getId()) != key.keyId()
                    || entry.isPrimary() != key.primary()
                    || !entry.getStatus().equals(KeyStatus.ENABLED)
                    || !(entry.getKey() instanceof HpkePrivateKey)
                    || KemNames.of(entry.getKey()) != key.kem()) {
                return false;
            }
        }
        return true;
    }

    private OfficeKeysetStatus write(Path file, KeysetHandle keyset, KeyEncryptionKey kek, List<OfficeKeyInfo> keys,
            boolean mustBeNew) throws KeyCustodyException {
        ObjectNode header = OfficeKeysetFile.header(kek.describe(), keys);
        byte[] content;
        try {
            String encrypted = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                    keyset, kek.aead(), OfficeKeysetFile.associatedData(header), HybridConfig2026.get());
            content = OfficeKeysetFile.render(header, encrypted);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("the office keyset could not be encrypted (" + e.getClass().getSimpleName() + ")");
        }
        try {
            AtomicFiles.write(file, content, AtomicFiles.OWNER_ONLY, mustBeNew);
        } catch (FileAlreadyExistsException e) {
            throw new KeyCustodyException("the office keyset " + file + " exists already; init never overwrites a keyset");
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException("the office keyset " + file + " cannot be written ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new OfficeKeysetStatus(file, kekSummary(kek.describe()), keys);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static String kekSummary(OfficeKeysetFile.Contents contents) {
        return kekSummary(contents.kek());
    }

    private static String kekSummary(JsonNode kek) {
        String kind = kek.path("kind").asText();
        if (PassphraseKek.KIND.equals(kind)) {
            return "passphrase (argon2id, " + kek.path("memoryKiB").asText() + " KiB, "
                    + kek.path("iterations").asText() + " iterations, parallelism " + kek.path("parallelism").asText() + ")";
        }
        return kind;
    }
}
