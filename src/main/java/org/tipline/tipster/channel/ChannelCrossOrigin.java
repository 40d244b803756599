package org.tipline.tipster.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.http.CrossOriginPolicy;

/**
 * CORS by channel: the front-end paths intake serves, and which origins may call them. A
 * tip post is granted only to the origins of the channel whose key it carries; the
 * follow-up, the challenge and the office's public key to the origins of any active channel
 * (a tipster coming back carries no channel key). Office paths are never front-end paths.
 * A review process has none at all.
 */
@ApplicationScoped
public class ChannelCrossOrigin implements CrossOriginPolicy {

    private static final List<String> FOLLOWUP_HEADERS = followupHeaders();

    /** Exact paths (as normalised by Vert.x) and the methods each serves. */
    private static final Map<String, FrontEndPath> PATHS = Map.of(
            "/api/v1/tips", new FrontEndPath(List.of("POST"), FRONT_END_HEADERS, true),
            "/api/v1/tips/sealed", new FrontEndPath(List.of("POST"), FRONT_END_HEADERS, true),
            "/api/v1/tips/sealed/binding", new FrontEndPath(List.of("GET"), FRONT_END_HEADERS, false),
            "/api/v1/challenge", new FrontEndPath(List.of("GET"), FRONT_END_HEADERS, false),
            "/api/v1/office-key", new FrontEndPath(List.of("GET"), FRONT_END_HEADERS, false),
            "/api/v1/followup", new FrontEndPath(List.of("GET"), FOLLOWUP_HEADERS, false),
            "/api/v1/followup/session", new FrontEndPath(List.of("POST", "DELETE"), FOLLOWUP_HEADERS, false),
            "/api/v1/followup/messages", new FrontEndPath(List.of("POST"), FOLLOWUP_HEADERS, false),
            "/api/v1/followup/access", new FrontEndPath(List.of("DELETE"), FOLLOWUP_HEADERS, false));

    private final ChannelDirectory directory;
    private final boolean servesIntake;

    public ChannelCrossOrigin(ChannelDirectory directory, TiplineConfig config) {
        this.directory = directory;
        this.servesIntake = config.role().servesIntake();
    }

    private static List<String> followupHeaders() {
        List<String> headers = new ArrayList<>(FRONT_END_HEADERS);
        headers.add("authorization");
        return List.copyOf(headers);
    }

    @Override
    public Optional<FrontEndPath> frontEndPath(String path) {
        return servesIntake && path != null ? Optional.ofNullable(PATHS.get(path)) : Optional.empty();
    }

    @Override
    public boolean allowsPreflight(String origin, FrontEndPath path) {
        return directory.anyChannelAllows(origin);
    }

    @Override
    public RequestGrant requestGrant(String origin, FrontEndPath path, String method, String channelKey) {
        ActiveChannel channel = path.keyedByChannel() && channelKey != null ? directory.byKey(channelKey) : null;
        if (channel != null && !channel.origins().contains(origin)) {
            return RequestGrant.REFUSE;
        }
        return allows(origin, path, method, channelKey, channel) ? RequestGrant.GRANT : RequestGrant.NONE;
    }

    private boolean allows(String origin, FrontEndPath path, String method, String channelKey, ActiveChannel channel) {
        if (!path.methods().contains(method)) {
            return false;
        }
        if (!path.keyedByChannel()) {
            return directory.anyChannelAllows(origin);
        }
        if (channelKey == null) {
            return false; // keyless tips are the built-in page's, on tipline's own origin
        }
        // A key that opens no channel: the answer is a refusal (401), which the front end may
        // read when its origin is one a channel lists. (A channel that does not list the
        // origin was refused above.)
        return channel != null || directory.anyChannelAllows(origin);
    }
}
