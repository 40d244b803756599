/**
 * What every role runs on, knowing neither side: typed settings ({@code config}), HTTP plumbing and
 * problem documents ({@code http}, {@code problem}), the front door that strips origin data ({@code
 * privacy}), the database ({@code storage}) and what the metrics may hold ({@code metrics}).
 */
package org.tipline.platform;
