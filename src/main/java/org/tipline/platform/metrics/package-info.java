/**
 * What the metrics on the management port may hold: no text a client chose in a tag, and no
 * meter that each database connection registers anew.
 */
package org.tipline.platform.metrics;
