package org.tipline.office.channel;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the channel API. */
public final class ChannelViews {

    private ChannelViews() {
    }

    @Schema(name = "NewChannel")
    public record NewChannel(
            @jakarta.validation.constraints.NotNull
            @Schema(description = "2 to 40 characters of a-z, 0-9 and '-', such as county-website", required = true)
            String name,
            @Schema(description = "The program its tips belong to; default tipline.intake.program") String program,
            @Schema(description = "Exact browser origins allowed to call (CORS), such as https://tips.example.org; "
                    + "at most 10. Empty for an app or a server.") List<String> origins,
            @Schema(description = "Tips per hour allowed through this channel; absent or 0 for no quota")
            Integer tipsPerHour,
            @Schema(description = "Whether its tips must carry a solved challenge (default true); false only for a "
                    + "trusted server-to-server partner") Boolean proofOfWork) {
    }

    @Schema(name = "ChannelChange", description = "Absent fields stay as they are")
    public record ChannelChange(
            @Schema(description = "Replaces the whole list") List<String> origins,
            @Schema(description = "0 removes the quota") Integer tipsPerHour,
            Boolean proofOfWork) {
    }

    @Schema(name = "Channel")
    public record ChannelView(String name, String program, List<String> origins,
            @Schema(description = "Null: no quota") Integer tipsPerHour, boolean proofOfWork, boolean active,
            @Schema(description = "Truncated to the hour") Instant createdAt,
            @Schema(description = "Truncated to the hour; null while active") Instant revokedAt) {

        static ChannelView of(Channel channel) {
            return new ChannelView(channel.name, channel.program, List.of(channel.origins), channel.tipsPerHour,
                    channel.proofOfWork, channel.active(), channel.createdAt, channel.revokedAt);
        }
    }

    @Schema(name = "ChannelKey")
    public record IssuedKey(ChannelView channel,
            @Schema(description = "The channel key, for X-Tipline-Channel-Key. Shown once: tipline keeps only its "
                    + "SHA-256.") String key,
            String notice) {

        static final String NOTICE = "Give this key to the front end's developers now: it is not shown again. "
                + "Rotate the channel's key if it is lost.";

        @Override
        public String toString() {
            return "IssuedKey[channel=" + channel.name() + "]";
        }
    }
}
