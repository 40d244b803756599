/**
 * The admin API for channels, the front ends that post tips: create, list, rotate a key,
 * revoke, change origins, quota and proof-of-work; each change audited in its transaction.
 * {@link org.tipline.office.channel.ChannelRules} and {@link org.tipline.office.channel.ChannelJdbc}
 * serve {@code tipline channels} too.
 */
package org.tipline.office.channel;
