package org.tipline.fuzz;

/**
 * The real credentials and objects the fuzz uses, so that its requests get past sign-in and
 * reach the validation behind it: an office session, a tipster with a tip, and a second
 * office account whose name can stand in {@code {username}}. A request that spends one of
 * them (a sign-out, an erased mailbox) is followed by a renewal.
 */
public interface FuzzIdentity {

    /** A live office bearer token ({@code tlr_...}) with the coordinator, admin and auditor roles. */
    String officeToken();

    /** The tip reference the office token may read and the tipster owns. */
    String reference();

    /** {@code Tipster <base64>} for {@link #reference()}. */
    String tipsterHeader();

    /** A live tipster session token ({@code tlf_...}) for {@link #reference()}. */
    String tipsterToken();

    /** An office account other than the fuzz's own, safe to change. */
    String otherUsername();
}
