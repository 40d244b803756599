package org.tipline.tipster.channel;

import java.util.Set;

/**
 * A front end that may post tips now, as intake knows it: what resolving a channel key gives.
 * The proof-of-work check and the quota read {@link #proofOfWork()} and {@link #tipsPerHour()}.
 *
 * @param name        stored with each of its tips ({@code tip.channel}); names the front end, never a tipster
 * @param program     the program its tips belong to
 * @param origins     the exact browser origins it may call from (CORS); empty for a server or an app
 * @param tipsPerHour its quota of tips per hour, or null for none
 * @param proofOfWork false for a trusted server-to-server partner that need not solve a challenge
 */
public record ActiveChannel(String name, String program, Set<String> origins, Integer tipsPerHour,
        boolean proofOfWork) {

    public ActiveChannel {
        origins = Set.copyOf(origins);
    }

    @Override
    public String toString() {
        return "ActiveChannel[" + name + "]";
    }
}
