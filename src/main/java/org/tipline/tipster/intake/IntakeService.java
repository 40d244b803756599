package org.tipline.tipster.intake;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedTip;
import org.tipline.crypto.TipSealer;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.CoarseClock;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.Refusal;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.platform.storage.StoreDeadline;
import org.tipline.platform.storage.UniqueViolation;
import org.tipline.tip.TipPlaintext;
import org.tipline.tip.TipReference;
import org.tipline.tipster.channel.ActiveChannel;
import org.tipline.tipster.channel.ChannelDirectory;
import org.tipline.tipster.followup.TipsterCredentials;
import org.tipline.tipster.proof.ProofOfWork;
import org.tipline.tipster.proof.TipLoad;

/**
 * Takes a validated tip, seals it to the office key and stores it with its follow-up
 * credentials. The receipt, which carries the passphrase, is returned only once the row
 * is committed.
 */
@ApplicationScoped
public class IntakeService {

    private final TipSealer sealer;
    private final OfficePublicKey officeKey;
    private final TipsterCredentials credentials;
    private final TipRepository tips;
    private final CoarseClock clock;
    private final TipReference references = new TipReference(new SecureRandom());
    private final Set<String> categories;
    private final List<String> categoryList;
    private final ChannelDirectory channels;
    private final ServiceRole role;
    private final ProofOfWork proofs;
    private final TipLoad load;
    private final AcceptedTips accepted;
    private final CompletableFuture<Void> warmedUp = new CompletableFuture<>();

    public IntakeService(TipSealer sealer, OfficePublicKey officeKey, TipsterCredentials credentials,
            TipRepository tips, CoarseClock clock, ChannelDirectory channels, TiplineConfig config, ProofOfWork proofs,
            TipLoad load, AcceptedTips accepted) {
        this.sealer = sealer;
        this.officeKey = officeKey;
        this.credentials = credentials;
        this.tips = tips;
        this.clock = clock;
        this.categoryList = List.copyOf(config.intake().categories());
        this.categories = Set.copyOf(categoryList);
        this.channels = channels;
        this.role = config.role();
        this.proofs = proofs;
        this.load = load;
        this.accepted = accepted;
    }

    /**
     * The channel a tip with this {@code X-Tipline-Channel-Key} (null when absent) is posted
     * through. Costs no Argon2id and no seal, and touches no database.
     *
     * @throws org.tipline.platform.refusal.ChannelKeyRefused for an unknown, malformed or
     *         revoked key, or no key where one is required
     */
    public ActiveChannel channel(String channelKey) {
        return channels.resolve(channelKey);
    }

    /** Resolves the channel key, then submits: a refused key costs nothing and writes nothing. */
    public Uni<TipReceipt> submit(TipSubmission submission, String channelKey, String proof) {
        return submit(submission, channel(channelKey), proof);
    }

    /**
     * Stores a tip posted through {@code channel}, in its program, with its name. In this order,
     * each refusal before any Argon2id or public-key work and without writing anything: the
     * fields, the channel's quota, then (unless the channel is a trusted partner that skips it)
     * the proof-of-work ({@code proof}, the X-Tipline-Proof header), checked and claimed in
     * memory. The tip's id is then the proof's, so the row itself spends the proof; a proof that
     * another intake process used meanwhile refuses the tip at its insert, after its work, and
     * writes nothing.
     */
    public Uni<TipReceipt> submit(TipSubmission submission, ActiveChannel channel, String proof) {
        requireCategory(submission.category());
        if (submission.occurredAt() != null && !isIsoDateOrDateTime(submission.occurredAt())) {
            throw new InvalidField("occurredAt",
                    "must be an ISO-8601 date or date-time, such as 2026-11-20 or 2026-11-20T21:30");
        }
        if (submission.detailsText() > TipSubmission.MAX_DETAILS_TEXT) {
            throw new InvalidField("details", "must hold at most 20,000 characters of answers in all");
        }
        load.requireQuota(channel.name(), channel.tipsPerHour());
        return proofs.checkIf(channel.proofOfWork(), proof)
                .chain(checked -> prepare(submission, channel, checked == null ? UUID.randomUUID() : checked.tipId())
                        // The tip's id is the proof's: a used id means the proof stored a tip through
                        // another intake process since this one checked it.
                        .chain(prepared -> store(prepared.tip(), checked, channel, ProofOfWork::replayed)
                                .replaceWith(prepared.receipt())));
    }

    /** Refuses a category that is not one of the configured ones. */
    public void requireCategory(String category) {
        if (!categories.contains(category)) {
            throw new InvalidField("category", "must be one of " + String.join(", ", categoryList));
        }
    }

    /**
     * Writes a tip whose every check has passed, posted with {@code proof} (null for a channel
     * that skips it), and counts it for the channel once committed. Fails with what
     * {@code idUsed} gives when the tip's id or reference is taken, with a replayed proof when
     * a sign-in spent the proof, and with {@link StorageUnavailableException} when the
     * database fails or does not answer in time; nothing is written then.
     */
    public Uni<Void> store(NewTip tip, ProofOfWork.CheckedProof proof, ActiveChannel channel,
            Supplier<? extends Refusal> idUsed) {
        return StoreDeadline.within(tips.insert(tip, proof))
                .onFailure(UniqueViolation::causes).transform(used -> idUsed.get())
                .onFailure(failure -> !(failure instanceof Refusal)).transform(StorageUnavailableException::new)
                .map(stored -> {
                    if (stored == TipRepository.Stored.PROOF_SPENT) {
                        // A sign-in spent the proof, through this process or another.
                        throw ProofOfWork.replayed();
                    }
                    if (stored == TipRepository.Stored.ID_USED) {
                        throw idUsed.get();
                    }
                    load.accepted(channel.name());
                    accepted.count(tip);
                    return null;
                });
    }

    /**
     * Everything a new tip needs before its insert: a reference, the passphrase and its
     * Argon2id, the dialogue key, and the two HPKE seals to the office key. Argon2id runs on
     * a KDF thread, and the seals after it on the same thread.
     */
    private Uni<PreparedTip> prepare(TipSubmission submission, ActiveChannel channel, UUID id) {
        String reference = references.next();
        byte[] plaintext = submission.plaintext(Bindings.TIP_FORMAT_VERSION).toCanonicalJson();
        Instant receivedAt = clock.now();
        return credentials.create(id, reference)
                .map(followUp -> {
                    SealedTip sealed = sealer.seal(id, plaintext);
                    OfficePublicKey.SealedBytes officeDialogueKey =
                            officeKey.seal(followUp.dialogueKey().bytes(), Bindings.officeDialogueKey(id));
                    NewTip tip = new NewTip(id, reference, channel.program(), channel.name(), submission.category(),
                            receivedAt, sealed,
                            followUp.kdf(), followUp.verifier(), followUp.tipsterKey(), officeDialogueKey, null);
                    TipReceipt receipt = new TipReceipt(reference, CoarseClock.utcDate(receivedAt).toString(),
                            followUp.passphrase(), TipReceipt.NOTICE);
                    return new PreparedTip(tip, receipt);
                });
    }

    private record PreparedTip(NewTip tip, TipReceipt receipt) {
    }

    /**
     * Prepares one made-up tip when an intake process starts, and throws it away: nothing is
     * stored, sent or logged. The first tipster after a start then does not wait for the
     * first use of Argon2id, HPKE and AES-GCM (class loading, provider checks, the first
     * keyset lookups): on a 2-core machine the first tip after a start took about 250 ms
     * without it and about 100 ms with it; later tips take about 20 ms.
     */
    void warmUp(@Observes StartupEvent event) {
        if (!role.servesIntake()) {
            warmedUp.complete(null);
            return;
        }
        warmUpOnce().subscribe().with(done -> {
            Log.debug("intake warm-up done");
            warmedUp.complete(null);
        }, failure -> {
            Log.debugf("intake warm-up failed (%s)", failure.getClass().getSimpleName());
            warmedUp.complete(null);
        });
    }

    /** Completes when the start-up warm-up has finished, whether or not it succeeded. */
    CompletionStage<Void> warmedUp() {
        return warmedUp;
    }

    Uni<Void> warmUpOnce() {
        TipSubmission madeUp = new TipSubmission(categoryList.get(0), "start-up check, never stored",
                null, null, null, null);
        return prepare(madeUp, channels.keyless(), UUID.randomUUID()).replaceWithVoid();
    }

    /**
     * Whether {@code value} is an ISO-8601 date-time with or without an offset, a date, or a
     * year and month. Each form is first matched without resolving, which fails without an
     * exception, so that a valid value costs one parse instead of up to three thrown
     * {@link DateTimeParseException}s.
     */
    static boolean isIsoDateOrDateTime(String value) {
        return parses(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME, OffsetDateTime::parse)
                || parses(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME, LocalDateTime::parse)
                || parses(value, DateTimeFormatter.ISO_LOCAL_DATE, LocalDate::parse)
                || parses(value, YEAR_MONTH, YearMonth::parse);
    }

    /** The form {@link YearMonth#parse(CharSequence)} reads, as the JDK defines it. */
    private static final DateTimeFormatter YEAR_MONTH = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .toFormatter();

    private static boolean parses(String value, DateTimeFormatter form, Consumer<String> parser) {
        try {
            ParsePosition position = new ParsePosition(0);
            if (form.parseUnresolved(value, position) == null || position.getErrorIndex() >= 0
                    || position.getIndex() != value.length()) {
                return false;
            }
            parser.accept(value); // the fields' ranges, such as month 13 or February 30
            return true;
        } catch (DateTimeException e) { // a parse error, or an offset out of range while matching
            return false;
        }
    }
}
