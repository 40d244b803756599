package org.tipline.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tipline.testing.MigrationChecks;

/**
 * The tip's closed sets keep the exact text the tip table already holds: each enum's labels
 * are the values its column's check constraint admits, in the same order, every label comes
 * back as its constant, and the converters write and read that text. No row needs migrating.
 */
class TipEnumsTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static <E extends Enum<E>> List<String> labels(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).toList();
    }

    private static <E extends Enum<E>> void roundTrips(E[] values, Function<E, String> label, Function<String, E> fromLabel,
            LabelConverter<E> converter) throws Exception {
        for (E value : values) {
            assertThat(fromLabel.apply(label.apply(value))).isSameAs(value);
            assertThat(converter.convertToDatabaseColumn(value)).isEqualTo(label.apply(value));
            assertThat(converter.convertToEntityAttribute(label.apply(value))).isSameAs(value);
            // The API shows the label, never the constant's name.
            assertThat(JSON.writeValueAsString(value)).isEqualTo("\"" + label.apply(value) + "\"");
        }
        assertThat(fromLabel.apply("ZQX-unknown")).isNull();
        assertThat(fromLabel.apply(null)).isNull();
        assertThat(fromLabel.apply(values[0].name())).as("the constant's name is not its label").isNull();
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
        assertThatThrownBy(() -> converter.convertToEntityAttribute("ZQX-unknown"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("ZQX");
    }

    @Test
    void tipStatusesAreTheStoredText() throws Exception {
        assertThat(labels(TipStatus.values(), TipStatus::label))
                .containsExactlyElementsOf(MigrationChecks.values("V1__tips.sql", "tip_status_known"))
                .containsExactly("new", "triaged", "assigned", "forwarded", "actioned", "closed", "spam");
        roundTrips(TipStatus.values(), TipStatus::label, TipStatus::fromLabel, new TipStatusConverter());
    }

    @Test
    void dispositionsAreTheStoredText() throws Exception {
        assertThat(labels(TipDisposition.values(), TipDisposition::label))
                .containsExactlyElementsOf(MigrationChecks.values("V2__office.sql", "tip_disposition_known"))
                .containsExactly("arrest", "recovered-property", "cleared", "unfounded");
        roundTrips(TipDisposition.values(), TipDisposition::label, TipDisposition::fromLabel, new TipDispositionConverter());
    }

    @Test
    void dialogueStatesAreTheStoredText() throws Exception {
        assertThat(labels(DialogueState.values(), DialogueState::label))
                .containsExactlyElementsOf(MigrationChecks.values("V5__followup.sql", "tip_dialogue_state_known"))
                .containsExactly("open", "closed");
        roundTrips(DialogueState.values(), DialogueState::label, DialogueState::fromLabel, new DialogueStateConverter());
    }

    @Test
    void rewardStatusesAreTheStoredText() throws Exception {
        assertThat(labels(RewardStatus.values(), RewardStatus::label))
                .containsExactlyElementsOf(MigrationChecks.values("V5__followup.sql", "tip_reward_status_known"))
                .containsExactly("approved", "paid");
        // Its converter lives with the reward entity in office.reward; here, the same base with its label functions.
        roundTrips(RewardStatus.values(), RewardStatus::label, RewardStatus::fromLabel,
                new LabelConverter<>(RewardStatus::label, RewardStatus::fromLabel, "tip_reward.status") { });
    }

    @Test
    void theTipsterIsToldFourWordsWhateverTheOfficeStatus() {
        assertThat(TipsterStatus.of(TipStatus.NEW, false)).isEqualTo(TipsterStatus.RECEIVED);
        assertThat(TipsterStatus.of(TipStatus.NEW, true)).isEqualTo(TipsterStatus.MORE_INFORMATION_NEEDED);
        for (TipStatus working : List.of(TipStatus.TRIAGED, TipStatus.ASSIGNED, TipStatus.FORWARDED, TipStatus.ACTIONED)) {
            assertThat(TipsterStatus.of(working, false)).isEqualTo(TipsterStatus.UNDER_REVIEW);
        }
        for (TipStatus ended : List.of(TipStatus.CLOSED, TipStatus.SPAM)) {
            assertThat(TipsterStatus.of(ended, true)).isEqualTo(TipsterStatus.CLOSED);
        }
    }
}
