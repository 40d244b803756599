/**
 * The tip itself, shared by both sides: the stored tip ({@code Tip}), its reference, its plaintext,
 * its office status and what the tipster is told of it. Used by the tipster side and the office
 * side alike; it depends on neither.
 */
package org.tipline.tip;
