/**
 * HTTP-level guards that run before the REST layer: the body limit, the role gate (the other role's
 * paths are absent), strict JSON bodies, problem answers for failures outside resources, and the
 * role's OpenAPI view.
 */
package org.tipline.platform.http;
