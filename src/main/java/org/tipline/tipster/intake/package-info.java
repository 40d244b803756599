/**
 * Taking a tip: {@code POST /api/v1/tips}, its validation, sealing (through {@code crypto}) and
 * storage in one commit, and the readiness check that waits for the warm-up. Runs in the intake
 * role.
 */
package org.tipline.tipster.intake;
