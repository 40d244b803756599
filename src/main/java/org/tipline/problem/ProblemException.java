package org.tipline.problem;

import java.util.List;

/** Thrown by services to answer with a problem document. Carries no stack trace. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalidField(String field, String reason) {
        return new ProblemException(Problem.of(ProblemType.INVALID_FIELD, "The field '" + field + "' " + reason + ".",
                List.of(new Problem.FieldError(field, reason))));
    }

    public Problem problem() {
        return problem;
    }
}
