package org.tipline.platform.problem;

/**
 * Thrown by the HTTP layer (filters, resources) to answer with a problem document. Services
 * throw refusals ({@code platform/refusal}) instead. Carries no stack trace.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
