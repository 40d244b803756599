/**
 * The tipster's own page, served by the intake role at {@code /} (docs/page.md): the tip
 * form, rendered on the server in English, French or Spanish; its submission without
 * JavaScript; the receipt; the screen to check for replies; and the headers that keep every
 * byte of it tipline's own (a strict Content-Security-Policy, no cookies, no referrer).
 */
package org.tipline.tipster.page;
