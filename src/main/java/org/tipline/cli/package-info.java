/**
 * The command line: {@code tipline [serve]}, {@code keys}, {@code reviewers}, {@code version} and
 * {@code help}, with one error handler that prints one line and never a stack trace, and the JDBC
 * access the commands need. Runs outside the HTTP service.
 */
package org.tipline.cli;
