/**
 * The front door: origin headers removed before any other code runs ({@code OriginStripper}),
 * coarse clocks for stored times, and log-safe text.
 */
package org.tipline.platform.privacy;
