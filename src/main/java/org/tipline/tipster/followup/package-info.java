/**
 * The tipster's way back with the reference and passphrase: sign-in (Argon2id on a bounded pool,
 * guessing throttles without client addresses), the mailbox, replies, the reward view and ending
 * access for good. Runs in the intake role; uses {@code tip}, {@code crypto} and {@code platform}.
 */
package org.tipline.tipster.followup;
