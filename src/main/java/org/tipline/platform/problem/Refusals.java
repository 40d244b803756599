package org.tipline.platform.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Counts every problem document tipline answers with, by its type: {@code tipline_refusals_total}
 * with the one tag {@code reason}, whose values are the closed set of {@link ProblemType} slugs
 * ({@code invalid-field}, {@code proof-missing}, {@code storage-unavailable}, ...). Nothing a
 * client sent becomes a tag. Every type's counter is registered at start, so a refusal that
 * never happened reads 0 rather than missing.
 * <p>
 * Problems are answered from static code (the exception mapper's responses and the route-level
 * {@link org.tipline.platform.http.HttpProblems}), so {@link #count} goes through Micrometer's
 * global registry, which Quarkus's Prometheus registry joins at start and leaves at stop.
 */
@Singleton
public class Refusals {

    static final String NAME = "tipline.refusals";
    static final String REASON = "reason";
    private static final String DESCRIPTION = "Requests answered with a problem document, by its type";

    void registerEveryType(@Observes StartupEvent event, MeterRegistry registry) {
        for (ProblemType type : ProblemType.values()) {
            Counter.builder(NAME).tag(REASON, type.slug()).description(DESCRIPTION).register(registry);
        }
    }

    /** Counts one answer with this problem document; a type tipline does not define is counted by its status. */
    public static void count(Problem problem) {
        ProblemType type = ProblemType.fromUri(problem.type());
        String reason = (type != null ? type : ProblemType.forStatus(problem.status())).slug();
        Counter.builder(NAME).tag(REASON, reason).description(DESCRIPTION).register(Metrics.globalRegistry).increment();
    }
}
