/**
 * The tipster side: what the internet-facing {@code intake} role serves (and {@code all-in-one}).
 * It holds the office's public key only, writes through its own SQL, and never imports the office
 * side, Hibernate or the Tink API; it may use {@code tip}, {@code crypto} and {@code platform}.
 */
package org.tipline.tipster;
