/**
 * Office sign-in: username, password and TOTP for a short-lived bearer token, refresh and sign-out,
 * the login throttle, and tokens from the office's identity provider (OIDC). Uses {@code
 * office.staff} and {@code office.audit}.
 */
package org.tipline.office.signin;
