/**
 * Sealed submissions: a tip that a front end sealed itself to the office key, with its
 * follow-up credentials, so that intake never sees the tip, the passphrase or the dialogue
 * key ({@code POST /api/v1/tips/sealed}), and the bindings it is sealed to
 * ({@code GET /api/v1/tips/sealed/binding}, or with the proof-of-work challenge). Intake checks
 * the form (through {@code crypto}) and stores the rows as they came. docs/crypto.md, section 8.
 */
package org.tipline.tipster.sealed;
