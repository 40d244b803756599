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
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.platform.storage.AtomicFiles;

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

    /** The review role's refusal when no keyset is configured. */
    public static final String REVIEW_NEEDS_KEYSET = "the review role needs TIPLINE_OFFICE_KEYSET, the office keyset "
            + "(created with 'keys init'), and TIPLINE_OFFICE_KEY_PASSPHRASE_FILE unless the keyset is encrypted under "
            + "a KMS key";
    private static final Pattern KIND_NAME = Pattern.compile("[a-z0-9-]{1,32}");

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
        return init(file, kem, passphraseKek(passphrase, argon2id));
    }

    /**
     * Creates a keyset file with one new key pair, encrypted under a key held in the
     * office's KMS. No passphrase is involved; every later unlock is a request to the KMS.
     *
     * @throws KeyCustodyException also when no integration serves the URI, the KMS cannot
     *         be reached, or it refuses to encrypt or to decrypt again (nothing is written then)
     */
    public OfficeKeysetStatus init(Path file, OfficeKem kem, KmsKeyUri key, KmsAccess kms) throws KeyCustodyException {
        checkInit(file, kem);
        return init(file, kem, kmsKek(key, kms));
    }

    /**
     * A new passphrase key-encryption key with a fresh salt.
     *
     * @throws KeyCustodyException when the passphrase is shorter than {@value Passphrase#MIN_LENGTH} characters
     */
    public static PassphraseKek passphraseKek(Passphrase passphrase, Argon2idParameters argon2id)
            throws KeyCustodyException {
        if (passphrase.length() < Passphrase.MIN_LENGTH) {
            throw new KeyCustodyException("the passphrase is too short: use at least " + Passphrase.MIN_LENGTH
                    + " characters (a few random words are best)");
        }
        try {
            return PassphraseKek.create(passphrase, argon2id);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("the key-encryption key could not be derived ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The key-encryption key held in the KMS under this URI; nothing is sent to the KMS yet. */
    public static KmsKek kmsKek(KmsKeyUri key, KmsAccess kms) throws KeyCustodyException {
        try {
            return KmsKek.create(key, kms);
        } catch (IllegalArgumentException | KekUnavailableException e) {
            throw new KeyCustodyException(e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("the KMS key " + key + " cannot be used (" + e.getClass().getSimpleName() + ")");
        }
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
        return publicKeysetJson(file, PassphraseKek.source(passphrase));
    }

    /** {@link #publicKeysetJson(Path, Passphrase)} with any key-encryption key. */
    public String publicKeysetJson(Path file, KeyEncryptionKeySource kekSource) throws KeyLoadingException {
        Unlocked unlocked = open(file, kekSource);
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
        exportPublic(file, PassphraseKek.source(passphrase), out);
    }

    /** {@link #exportPublic(Path, Passphrase, Path)} with any key-encryption key. */
    public void exportPublic(Path file, KeyEncryptionKeySource kekSource, Path out)
            throws KeyLoadingException, KeyCustodyException {
        if (sameFile(file, out)) {
            // Overwriting the keyset with its public half would destroy the office's private keys.
            throw new KeyCustodyException("the public keyset would overwrite the office keyset " + file
                    + "; write it to another file");
        }
        String json = publicKeysetJson(file, kekSource);
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
        return new OfficeKeysetStatus(file, kindName(contents.kek()), kekSummary(contents.kek()), contents.keys());
    }

    /** Makes a new key-encryption key, once the current one has opened the keyset. */
    @FunctionalInterface
    public interface NewKek {
        KeyEncryptionKey create() throws KeyCustodyException;
    }

    /**
     * Encrypts the keyset again under another key-encryption key: from a passphrase to a
     * KMS key, from one KMS key to another, back to a passphrase, or to a new passphrase.
     * The key pairs do not change, so neither does the public keyset. The new key is made
     * only after the current one has opened the file, and the file is replaced only after
     * what was encrypted under the new key has been decrypted again.
     *
     * <p>Copies of the old file, backups included, still open with the old key-encryption key.
     */
    public OfficeKeysetStatus rewrap(Path file, KeyEncryptionKeySource current, NewKek next)
            throws KeyLoadingException, KeyCustodyException {
        Unlocked unlocked = open(file, current);
        return write(file, unlocked.keyset(), next.create(), unlocked.contents().keys(), false);
    }

    /**
     * Unlocks the keyset the way a service does at start: through the KMS when the file
     * names a KMS key (no passphrase is needed then), otherwise with the passphrase read from
     * {@code passphraseFile}.
     */
    public KeysetHandle unlockAtStart(Path file, Optional<Path> passphraseFile, Optional<String> trustedKmsKey,
            KmsAccess kms) throws KeyLoadingException {
        OfficeKeysetFile.Contents contents = OfficeKeysetFile.read(file);
        OfficeKeysetStatus status = new OfficeKeysetStatus(file, kindName(contents.kek()), kekSummary(contents.kek()),
                contents.keys());
        // The key-encryption key is pinned by the operator's settings, never taken from the file
        // alone: whoever can replace the file must not be able to bring a KMS key of their own.
        if (status.kmsHeld()) {
            String named = KmsKek.keyUri(contents.kek()).value();
            if (trustedKmsKey.isEmpty() || !trustedKmsKey.get().equals(named)) {
                throw new KeyLoadingException("the office keyset " + file + " is held under the KMS key " + named
                        + ", which TIPLINE_OFFICE_KMS_KEY_URI does not name; set it to that key to trust it");
            }
            return unlock(file, KmsKek.source(kms));
        }
        if (trustedKmsKey.isPresent()) {
            throw new KeyLoadingException("the office keyset " + file + " is not held under the KMS key "
                    + trustedKmsKey.get() + " that TIPLINE_OFFICE_KMS_KEY_URI names");
        }
        if (!PassphraseKek.KIND.equals(status.kekKind())) {
            throw new KeyLoadingException("the office keyset " + file + " cannot be unlocked: its key-encryption "
                    + "key is of a kind this version does not know (" + status.kekKind() + ")");
        }
        if (passphraseFile.isEmpty()) {
            throw new KeyLoadingException("the office keyset " + file
                    + " needs its passphrase: set TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
        }
        // The passphrase lives only inside this block; closing it overwrites it.
        try (Passphrase passphrase = Passphrase.readFile(passphraseFile.get())) {
            return unlock(file, passphrase);
        } catch (KeyCustodyException e) {
            throw new KeyLoadingException(e.getMessage());
        }
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
        } catch (IllegalArgumentException | KekUnavailableException e) {
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
            // A KMS that is unreachable or refuses says nothing about the file; anything else does.
            KekUnavailableException unavailable = KekUnavailableException.in(e);
            throw new KeyLoadingException("the office keyset " + file + " cannot be unlocked: "
                    + (unavailable != null ? unavailable.getMessage() : kek.unlockFailureHint()));
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
        byte[] associatedData = OfficeKeysetFile.associatedData(header);
        String encrypted;
        try {
            encrypted = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                    keyset, kek.aead(), associatedData, HybridConfig2026.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException("the office keyset could not be encrypted" + detail(e) + "; nothing was written");
        }
        // Read it back before anything is written: a KMS identity that may encrypt but not
        // decrypt, or any other fault, must not leave a keyset that nobody can open.
        try {
            KeysetHandle check = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    encrypted, kek.aead(), associatedData, HybridConfig2026.get());
            if (!matches(keys, check)) {
                throw new GeneralSecurityException("the keyset read back differs");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException("the encrypted office keyset does not decrypt again" + detail(e)
                    + "; nothing was written");
        }
        byte[] content = OfficeKeysetFile.render(header, encrypted);
        try {
            AtomicFiles.write(file, content, AtomicFiles.OWNER_ONLY, mustBeNew);
        } catch (FileAlreadyExistsException e) {
            throw new KeyCustodyException("the office keyset " + file + " exists already; init never overwrites a keyset");
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException("the office keyset " + file + " cannot be written ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new OfficeKeysetStatus(file, kek.kind(), kekSummary(kek.describe()), keys);
    }

    /** The KMS's one line when the KMS was the problem, else the exception type. */
    private static String detail(Exception e) {
        KekUnavailableException unavailable = KekUnavailableException.in(e);
        return unavailable != null ? ": " + unavailable.getMessage() : " (" + e.getClass().getSimpleName() + ")";
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

    /** The kind as written in the file, or {@code unknown} when it is not a plain short name. */
    private static String kindName(JsonNode kek) {
        String kind = kek.path("kind").asText();
        return KIND_NAME.matcher(kind).matches() ? kind : "unknown";
    }

    /** For people; read from a file that is not verified yet, so every value printed is checked first. */
    private static String kekSummary(JsonNode kek) {
        String kind = kindName(kek);
        if (PassphraseKek.KIND.equals(kind)) {
            return "passphrase (argon2id, " + number(kek, "memoryKiB") + " KiB, " + number(kek, "iterations")
                    + " iterations, parallelism " + number(kek, "parallelism") + ")";
        }
        if (KmsKek.KIND.equals(kind)) {
            try {
                return "KMS key " + KmsKek.keyUri(kek);
            } catch (IllegalArgumentException e) {
                return "KMS key (its URI in the file is not valid)";
            }
        }
        return kind;
    }

    private static String number(JsonNode kek, String field) {
        JsonNode value = kek.path(field);
        return value.isIntegralNumber() ? value.asText() : "?";
    }
}
