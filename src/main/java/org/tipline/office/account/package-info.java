/**
 * The admin API for office accounts: create, list, change and disable, each change audited and a
 * disabled account's sessions ended. Uses {@code office.staff}, {@code office.signin} and {@code
 * office.audit}.
 */
package org.tipline.office.account;
