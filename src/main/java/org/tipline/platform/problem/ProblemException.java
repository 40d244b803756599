package org.tipline.platform.problem;

import java.util.List;

/** Thrown by services to answer with a problem document. Carries no stack trace. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final String header;
    private final String headerValue;

    public ProblemException(Problem problem) {
        this(problem, null, null);
    }

    /** A problem answered with one extra response header, such as Retry-After. */
    public ProblemException(Problem problem, String header, String headerValue) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.header = header;
        this.headerValue = headerValue;
    }

    public static ProblemException notFound() {
        return new ProblemException(Problem.of(ProblemType.NOT_FOUND, "There is nothing at this path."));
    }

    public String header() {
        return header;
    }

    public String headerValue() {
        return headerValue;
    }

    public static ProblemException invalidField(String field, String reason) {
        return new ProblemException(Problem.of(ProblemType.INVALID_FIELD, "The field '" + field + "' " + reason + ".",
                List.of(new Problem.FieldError(field, reason))));
    }

    public Problem problem() {
        return problem;
    }
}
