package org.tipline.tipster.intake;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tipline.platform.config.TiplineConfig;

/**
 * Ready once the intake warm-up has run, so that a load balancer that waits for
 * {@code /q/health/ready} sends the first tip to a process that has already paid for the
 * first use of its cryptography. Registered only where tips are taken: a review process
 * has no such check.
 */
@ApplicationScoped
public class IntakeReadiness {

    static final String NAME = "intake warm-up";

    private final IntakeService intake;
    private final HealthRegistry readiness;
    private final boolean servesIntake;

    public IntakeReadiness(IntakeService intake, @Readiness HealthRegistry readiness, TiplineConfig config) {
        this.intake = intake;
        this.readiness = readiness;
        this.servesIntake = config.role().servesIntake();
    }

    void register(@Observes StartupEvent event) {
        if (servesIntake) {
            readiness.register(NAME, () -> of(intake.warmedUp()));
        }
    }

    static HealthCheckResponse of(CompletionStage<Void> warmUp) {
        return HealthCheckResponse.named(NAME).status(warmUp.toCompletableFuture().isDone()).build();
    }
}
