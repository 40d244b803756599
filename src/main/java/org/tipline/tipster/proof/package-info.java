/**
 * Proof-of-work with ALTCHA: the challenge endpoint, the check of a solution and its spent
 * record, and the shared tip counters behind the difficulty and channel quotas. The state that
 * intake processes share lives in PostgreSQL.
 */
package org.tipline.tipster.proof;
