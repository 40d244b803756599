/**
 * Reading and working tips: lists and pages (metadata only), decryption with a stated purpose
 * (audited first), status, assignment, disposition and sealed notes. Uses {@code office.access} and
 * {@code office.audit}.
 */
package org.tipline.office.review;
