/**
 * The office side: what the {@code review} role serves (and {@code all-in-one}) under {@code
 * /api/v1/review}. It holds the office private key and decrypts only under audit. It may use {@code
 * tip}, {@code crypto} and {@code platform}, never the tipster side.
 */
package org.tipline.office;
