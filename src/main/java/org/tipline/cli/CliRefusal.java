package org.tipline.cli;

/**
 * A command-line refusal whose message is written for the operator: one line, naming no
 * secret. {@link TiplineCli}'s error handler prints it as it is.
 */
public class CliRefusal extends RuntimeException {

    public CliRefusal(String message) {
        super(message, null, false, false);
    }
}
