/**
 * Custody of the office keyset: the encrypted keyset file, key-encryption keys (an operator
 * passphrase through Argon2id, or a KMS key), and which keys each role loads ({@code RoleKeys}).
 * Uses {@code crypto} and {@code platform.config}.
 */
package org.tipline.keys;
