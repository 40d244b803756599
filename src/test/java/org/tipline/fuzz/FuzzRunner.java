package org.tipline.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends fuzz cases one after the other over one kept-alive connection, checks each answer
 * ({@link AnswerCheck}) and checks that refused requests wrote nothing: the row counts of
 * every table a request could write to are compared across each run of refused answers,
 * and re-read after each success (which may write).
 */
final class FuzzRunner {

    /**
     * Refusals documented to write an audit entry, and nothing else: a wrong payout code is
     * answered 409 and audited as {@code reward.payout-refused} (docs/review.md). A payout
     * refused for want of an approved reward is a 409 that writes nothing.
     */
    static final Map<String, Integer> AUDITED_REFUSALS = Map.of("POST /api/v1/review/tips/{reference}/reward/payout", 409);

    /** Counted refusals between two row-count checks at most. */
    private static final int WINDOW = 200;
    private static final int MAX_FAILURES = 50;

    /** What a run found. */
    record Report(int cases, List<String> failures, Map<String, Integer> statuses, Map<String, Long> millisByOperation,
            long rowCountMillis, Map<String, Map<String, Integer>> outcomesByMutation) {
    }

    private final RawHttp http;
    private final CaseGenerator generator;
    private final LiveIdentity identity;
    private final RowCounts.Counter rows;

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, Long> nanosByOperation = new TreeMap<>();
    private final Map<String, Map<String, Integer>> outcomesByMutation = new TreeMap<>();
    private final List<String> refusedSinceCount = new ArrayList<>();
    private RowCounts counted;
    private long rowCountNanos;
    private String lastSuccess = "none";

    FuzzRunner(RawHttp http, CaseGenerator generator, LiveIdentity identity, RowCounts.Counter rows) {
        this.http = http;
        this.generator = generator;
        this.identity = identity;
        this.rows = rows;
    }

    Report run(int cases) throws IOException {
        counted = countRows();
        int sent = 0;
        for (int number = 1; number <= cases && failures.size() < MAX_FAILURES; number++) {
            FuzzCase fuzzCase = generator.next(number);
            if (fuzzCase.expected() instanceof FuzzCase.EitherWay || AUDITED_REFUSALS.containsKey(fuzzCase.operation())) {
                checkRows(); // this one may write: settle the refusals before it
            }
            sendAndCheck(fuzzCase);
            sent++;
        }
        checkRows();
        Map<String, Long> millis = new TreeMap<>();
        nanosByOperation.forEach((operation, nanos) -> millis.put(operation, nanos / 1_000_000));
        return new Report(sent, failures, statuses, millis, rowCountNanos / 1_000_000, outcomesByMutation);
    }

    private void sendAndCheck(FuzzCase fuzzCase) throws IOException {
        long start = System.nanoTime();
        RawHttp.Answer answer;
        try {
            answer = http.exchange(fuzzCase.request(), fuzzCase.head());
        } catch (RawHttp.BadAnswer e) {
            fail(fuzzCase, e.getMessage());
            record(fuzzCase, "bad answer");
            return;
        } catch (RawHttp.NoAnswer e) {
            record(fuzzCase, "no answer");
            if (!(fuzzCase.expected() instanceof FuzzCase.Dropped)) {
                fail(fuzzCase, e.getMessage());
            }
            refusedSinceCount.add(fuzzCase.number() + " " + fuzzCase.operation() + " -> no answer");
            return;
        } finally {
            nanosByOperation.merge(fuzzCase.operation(), System.nanoTime() - start, Long::sum);
        }
        boolean codecAnswer = answer.status() >= 400 && answer.body().length == 0 && answer.header("content-type") == null;
        if (fuzzCase.newConnectionAfter() || codecAnswer) {
            http.close(); // the codec closes the connection after its refusals, without saying so
        }
        statuses.merge(Integer.toString(answer.status()), 1, Integer::sum);
        record(fuzzCase, answer.status() + (answer.body().length == 0 ? " empty" : "") + (answer.closed() ? " closed" : ""));
        String fault = AnswerCheck.problemWith(fuzzCase, answer);
        if (fault != null) {
            fail(fuzzCase, fault + "; answer: " + Printable.of(answer.body(), 300));
        }
        Integer audited = AUDITED_REFUSALS.get(fuzzCase.operation());
        if (audited != null && audited == answer.status()) {
            RowCounts now = countRows();
            if (!now.equals(counted) && !now.equals(counted.plusAuditEntry())) {
                fail(fuzzCase, "a refusal documented to write at most one audit entry wrote " + now.changesSince(counted));
            }
            counted = now;
        } else if (answer.status() < 400) {
            identity.renewAfter(fuzzCase.operation(), answer);
            counted = countRows();
            refusedSinceCount.clear();
            lastSuccess = fuzzCase.number() + " (" + fuzzCase.operation() + ")";
        } else {
            refusedSinceCount.add(fuzzCase.number() + " " + fuzzCase.operation() + " -> " + answer.status() + " ["
                    + fuzzCase.mutations() + "]");
            if (refusedSinceCount.size() >= WINDOW) {
                checkRows();
            }
        }
    }

    private void checkRows() {
        if (refusedSinceCount.isEmpty()) {
            return;
        }
        RowCounts now = countRows();
        String changes = now.changesSince(counted);
        if (!changes.isEmpty()) {
            failures.add("rows written while only refusals were answered, after the success of case " + lastSuccess
                    + ": " + changes + "; the refused cases:\n      "
                    + String.join("\n      ", refusedSinceCount.subList(0, Math.min(10, refusedSinceCount.size()))));
        }
        counted = now;
        refusedSinceCount.clear();
    }

    private RowCounts countRows() {
        long start = System.nanoTime();
        RowCounts counts = rows.count();
        rowCountNanos += System.nanoTime() - start;
        return counts;
    }

    private void record(FuzzCase fuzzCase, String outcome) {
        String mutation = fuzzCase.expected().getClass().getSimpleName() + ": " + fuzzCase.mutations().replaceAll("[0-9]+", "#");
        outcomesByMutation.computeIfAbsent(mutation.length() > 90 ? mutation.substring(0, 90) : mutation, k -> new TreeMap<>())
                .merge(outcome, 1, Integer::sum);
    }

    private void fail(FuzzCase fuzzCase, String fault) {
        failures.add(fault + "\n    " + fuzzCase);
    }
}
