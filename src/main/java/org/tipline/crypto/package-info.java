/**
 * Every seal and open, and every binding string (all in {@link org.tipline.crypto.Bindings}): HPKE
 * to the office key (Tink), the tip's dialogue key (AES-GCM), Argon2id, session tokens, padding,
 * and the office keys in memory. Used by both sides; it depends on no other tipline package.
 */
package org.tipline.crypto;
