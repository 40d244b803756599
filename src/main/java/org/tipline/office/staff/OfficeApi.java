package org.tipline.office.staff;

/** What every resource of the office API shares. */
public final class OfficeApi {

    /** The OpenAPI name of the bearer scheme that office endpoints require (declared on the session resource). */
    public static final String BEARER = "bearer";

    private OfficeApi() {
    }
}
