package org.tipline.testing;

import io.restassured.RestAssured;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Puts {@link ContractCheck} on every RestAssured call of every Quarkus test. */
public class ContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ContractCheck.INSTANCE)) {
            RestAssured.filters(ContractCheck.INSTANCE);
        }
    }
}
