package org.tipline.platform.problem;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; error answers are never cached. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return builder(problem).build();
    }

    public static Response of(Problem problem, String header, String value) {
        return builder(problem).header(header, value).build();
    }

    private static Response.ResponseBuilder builder(Problem problem) {
        Refusals.count(problem);
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
    }
}
