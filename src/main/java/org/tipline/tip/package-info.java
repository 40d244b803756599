/**
 * The tip itself, shared by both sides: the stored tip ({@code Tip}), its reference, its plaintext,
 * its office status and disposition, its dialogue state, its reward's status, and what the tipster
 * is told of it. The closed sets are enums whose labels are the stored text, mapped by {@code
 * LabelConverter}s. Used by the tipster side and the office side alike; it depends on neither.
 */
package org.tipline.tip;
