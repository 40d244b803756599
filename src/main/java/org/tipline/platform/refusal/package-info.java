/**
 * Why a request is refused, in the domain's words: the exceptions services throw. Both sides
 * use them; {@code platform/problem} turns each into its status, problem document and headers.
 */
package org.tipline.platform.refusal;
