/**
 * The office console (docs/console.md): static HTML, CSS and JavaScript under {@code /office/},
 * served by the review role and all-in-one only, that works through the review API with a
 * bearer token held in memory. Here only its headers and the address {@code /office}.
 */
package org.tipline.office.console;
