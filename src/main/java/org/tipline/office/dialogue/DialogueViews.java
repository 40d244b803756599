package org.tipline.office.dialogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.crypto.MessageSealing;
import org.tipline.tip.DialogueState;

/** The bodies of the office's side of a tip's conversation. */
public final class DialogueViews {

    private DialogueViews() {
    }

    @Schema(name = "Conversation")
    public record Conversation(String reference,
            @Schema(enumeration = {"open", "closed"}, implementation = String.class) DialogueState dialogue,
            List<Message> messages) {
    }

    @Schema(name = "ConversationMessage")
    public record Message(int number,
            @Schema(enumeration = {"tipster", "office"}) String from,
            @Schema(description = "The reviewer who wrote an office message; null for the tipster's") String author,
            @Schema(description = "When it was sent, to the hour") String sentAt,
            @Schema(description = "The text; null if the stored message was altered and no longer decrypts") String text) {
    }

    @Schema(name = "OfficeMessage")
    public record NewMessage(
            @NotNull @NotBlank @Size(max = MessageSealing.MAX_TEXT)
            @Schema(description = "A question or note for the tipster; the tipster reads it in their mailbox",
                    maxLength = MessageSealing.MAX_TEXT)
            String text) {

        @Override
        public String toString() {
            return "NewMessage[redacted]";
        }
    }

    @Schema(name = "DialogueState")
    public record StateChange(
            @NotNull @Schema(enumeration = {"open", "closed"}) String dialogue) {
    }
}
