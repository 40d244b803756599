package org.tipline.platform.refusal;

/**
 * A tip posted with a channel key that opens no active channel (unknown, malformed or
 * revoked), or without a key where a key is required. Says nothing about which it was.
 */
public final class ChannelKeyRefused extends Refusal {

    public ChannelKeyRefused(String detail) {
        super(detail);
    }
}
