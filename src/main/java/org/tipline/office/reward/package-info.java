/**
 * Rewards: the board's decision, the payment instructions and payout code sealed for the tipster,
 * and marking a reward paid against the code the tipster quotes. Uses {@code office.access} and
 * {@code office.audit}.
 */
package org.tipline.office.reward;
