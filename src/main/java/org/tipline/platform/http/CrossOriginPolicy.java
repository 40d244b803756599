package org.tipline.platform.http;

import java.util.List;
import java.util.Optional;

/**
 * Which browser origins may call which paths (CORS), asked by the front door
 * ({@link org.tipline.platform.privacy.OriginStripper}) while the {@code Origin} header is
 * still there. The front door builds the headers; the policy only decides, from the channels
 * it knows (tipster/channel implements it), and keeps nothing of what it is asked.
 */
public interface CrossOriginPolicy {

    /** Request headers a front end may send across origins, in every grant. */
    List<String> FRONT_END_HEADERS = List.of("content-type", "x-tipline-channel-key", "x-tipline-proof");

    /**
     * The paths and methods that front ends on other origins call, or empty for every other
     * path (the office API above all): only these get a preflight answer from the front door.
     */
    Optional<FrontEndPath> frontEndPath(String path);

    /**
     * Whether a preflight from {@code origin} for a front-end path is granted. A browser sends
     * no channel key in a preflight, so an origin of any active channel is enough here; the
     * actual request is then checked against its own channel ({@link #requestGrant}).
     */
    boolean allowsPreflight(String origin, FrontEndPath path);

    /**
     * What the answer to an actual request from {@code origin} gets. {@code channelKey} is the
     * request's {@code X-Tipline-Channel-Key}, or null.
     */
    RequestGrant requestGrant(String origin, FrontEndPath path, String method, String channelKey);

    /** The front door's answer to an actual cross-origin request. */
    enum RequestGrant {
        /** Served, with {@code Access-Control-Allow-Origin}: the page may read the answer. */
        GRANT,
        /** Served without a grant: a browser hides the answer. */
        NONE,
        /**
         * Refused (403) before anything is taken: a channel's key sent from an origin that
         * channel does not list, whose answer (a tip's receipt) a browser would hide.
         */
        REFUSE
    }

    /**
     * A path front ends call from other origins.
     *
     * @param methods       the methods the path serves, as a preflight grant lists them
     * @param headers       the request headers granted (lower case)
     * @param keyedByChannel true when an actual request is granted only for the origins of the
     *                      channel whose key it carries (a tip post); false when any active
     *                      channel's origin is enough (follow-up, challenge, office key)
     */
    record FrontEndPath(List<String> methods, List<String> headers, boolean keyedByChannel) {

        public FrontEndPath {
            methods = List.copyOf(methods);
            headers = List.copyOf(headers);
        }
    }

    /** No front-end paths at all: no CORS. */
    CrossOriginPolicy NONE = new CrossOriginPolicy() {
        @Override
        public Optional<FrontEndPath> frontEndPath(String path) {
            return Optional.empty();
        }

        @Override
        public boolean allowsPreflight(String origin, FrontEndPath path) {
            return false;
        }

        @Override
        public RequestGrant requestGrant(String origin, FrontEndPath path, String method, String channelKey) {
            return RequestGrant.NONE;
        }
    };
}
