package org.tipline.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A database call with no answer fails within its limit, and a call that answers leaves no
 * timer behind, so nothing of a finished request stays reachable through the timer queue.
 */
class StoreDeadlineTests {

    @Test
    void aCallWithNoAnswerFailsAtItsLimit() {
        Uni<String> hung = Uni.createFrom().nothing();
        long start = System.nanoTime();
        assertThatThrownBy(() -> StoreDeadline.within(hung, Duration.ofMillis(200)).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    /**
     * A Quarkus application left running by an earlier test class may set a timer or two
     * meanwhile (the proof-of-work flush), hence the margin of {@link #OTHERS}; a thousand
     * timers left behind are far outside it.
     */
    private static final int OTHERS = 10;

    @Test
    void answeredCallsLeaveNoTimerQueued() {
        int before = StoreDeadline.pending();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.add(answer);
            results.add(StoreDeadline.within(Uni.createFrom().completionStage(answer)).subscribeAsCompletionStage());
        }
        assertThat(StoreDeadline.pending()).isGreaterThan(before + 1000 - OTHERS);

        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).complete("row " + i);
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).join()).isEqualTo("row " + i);
        }
        assertThat(StoreDeadline.pending()).isLessThan(before + OTHERS);
    }

    @Test
    void aFailedCallLeavesNoTimerQueued() {
        int before = StoreDeadline.pending();
        assertThatThrownBy(() -> StoreDeadline.within(Uni.createFrom().failure(new IllegalStateException("down")))
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(StoreDeadline.pending()).isLessThan(before + 1 + OTHERS);
    }
}
