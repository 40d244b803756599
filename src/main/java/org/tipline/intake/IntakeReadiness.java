package org.tipline.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the intake warm-up has run, so that a load balancer that waits for
 * {@code /q/health/ready} sends the first tip to a process that has already paid for the
 * first use of its cryptography. A process that serves no intake is ready at once.
 */
@Readiness
@ApplicationScoped
public class IntakeReadiness implements HealthCheck {

    static final String NAME = "intake warm-up";

    private final IntakeService intake;

    public IntakeReadiness(IntakeService intake) {
        this.intake = intake;
    }

    @Override
    public HealthCheckResponse call() {
        return of(intake.warmedUp());
    }

    static HealthCheckResponse of(CompletionStage<Void> warmUp) {
        return HealthCheckResponse.named(NAME).status(warmUp.toCompletableFuture().isDone()).build();
    }
}
