package org.tipline.tipster.proof;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Proof-of-work switched on for tips and sign-ins, as in production, with a small base
 * difficulty so that tests solve quickly, and a small guessing budget so that a test can see
 * whether a refused sign-in was charged to it.
 */
public class ProofOfWorkProfile implements QuarkusTestProfile {

    public static final long BASE_DIFFICULTY = 2_000;
    public static final long STEP_RATE = 100;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tipline.proof-of-work.keyless-tips", "true",
                "tipline.proof-of-work.signins", "true",
                "tipline.proof-of-work.base-difficulty", Long.toString(BASE_DIFFICULTY),
                "tipline.proof-of-work.step-rate", Long.toString(STEP_RATE),
                "tipline.proof-of-work.max-difficulty", "200000",
                "tipline.followup.failed-signins-per-minute", "10");
    }
}
