/**
 * What every office feature working on one tip shares: the remit rule (which tips a caller may
 * reach; others answer like missing ones) and opening a tip's dialogue key with the office private
 * key. Used by review, dialogue and reward instead of one another.
 */
package org.tipline.office.access;
