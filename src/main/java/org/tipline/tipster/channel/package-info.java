/**
 * The channels as intake sees them: a directory of the active channels reloaded from the
 * database every few seconds, which resolves a tip's {@code X-Tipline-Channel-Key}, and the
 * CORS policy the front door asks ({@link org.tipline.tipster.channel.ChannelCrossOrigin}).
 */
package org.tipline.tipster.channel;
