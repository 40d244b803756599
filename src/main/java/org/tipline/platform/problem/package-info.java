/**
 * Errors as {@code application/problem+json}: the problem document, its types, and the one mapper
 * that turns exceptions into statuses and headers.
 */
package org.tipline.platform.problem;
