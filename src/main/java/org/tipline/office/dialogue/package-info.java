/**
 * The office's side of a tip's conversation with its tipster: reading (audited), asking, closing
 * and reopening. Messages are sealed under the tip's dialogue key through {@code crypto}.
 */
package org.tipline.office.dialogue;
