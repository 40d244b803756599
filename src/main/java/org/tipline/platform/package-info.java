/**
 * What every role runs on, knowing neither side: typed settings ({@code config}), HTTP plumbing and
 * problem documents ({@code http}, {@code problem}), the front door that strips origin data ({@code
 * privacy}) and the database ({@code storage}).
 */
package org.tipline.platform;
