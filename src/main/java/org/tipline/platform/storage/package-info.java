/**
 * PostgreSQL: the embedded server started when none is configured, and how a database outage is
 * told and logged.
 */
package org.tipline.platform.storage;
