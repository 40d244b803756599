/**
 * The audit log: an append-only hash chain of every decryption and change, its reading,
 * verification and exported head. Every office feature writes to it; it depends only on {@code
 * office.staff} and {@code tip}.
 */
package org.tipline.office.audit;
