package org.tipline.fuzz;

/**
 * One request of the fuzz: the exact bytes sent, what was done to them, and what a correct
 * server must answer.
 *
 * @param number     its place in the run; with the seed, it finds the case again
 * @param operation  the documented operation it was made from, such as {@code POST /api/v1/tips}
 * @param mutations  what was done to a valid request, in words
 * @param request    the bytes sent
 * @param head       a HEAD request, whose answers have no body
 * @param expected   what the answer must be
 * @param newConnectionAfter whether to close the connection after it (odd framing could leave bytes behind)
 */
record FuzzCase(int number, String operation, String mutations, byte[] request, boolean head, Expected expected,
        boolean newConnectionAfter) {

    /** What a correct server answers. */
    sealed interface Expected {
    }

    /** The request breaks the contract: an error answer (problem+json, 4xx) and nothing written. */
    record Refused() implements Expected {
    }

    /** The request may well be valid: a 2xx is fine, and so is a proper error answer. */
    record EitherWay() implements Expected {
    }

    /**
     * Refused by the HTTP codec before any tipline code runs: exactly this status, an empty
     * body, and the connection closed. See {@code ApiFuzzTests} for why these cannot be problem+json.
     */
    record CodecRefusal(int status) implements Expected {
    }

    /**
     * A body whose chunked framing is broken: the HTTP codec closes the connection in the
     * middle of the request, so no answer can come, and nothing may be written.
     */
    record Dropped() implements Expected {
    }

    static final Expected REFUSED = new Refused();
    static final Expected EITHER_WAY = new EitherWay();

    @Override
    public String toString() {
        return "case " + number + " [" + operation + "; " + mutations + "]: " + Printable.of(request, 400);
    }
}
