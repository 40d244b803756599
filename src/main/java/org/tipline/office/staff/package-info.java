/**
 * Who works in the office: accounts ({@code Reviewer}), their roles, passwords (Argon2id) and TOTP,
 * enrolment, and the authenticated {@code Caller}. The base of the office side; it uses only {@code
 * crypto}.
 */
package org.tipline.office.staff;
