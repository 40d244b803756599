package org.tipline.office.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.testing.MigrationChecks;

/**
 * The audit actions keep the text every existing entry holds and hashes: an entry written
 * from the enum stores and hashes exactly the label, byte for byte what the string did.
 */
class AuditActionTests {

    private static final Instant AT = Instant.parse("2026-11-25T13:09:50.876098Z");

    @Test
    void everyActionWrittenTodayKeepsItsLabel() {
        // The list in docs/review.md, "The actions written today".
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::label)).containsExactly(
                "session.login", "tip.read", "tip.update", "note.add", "note.read", "dialogue.read",
                "dialogue.message", "dialogue.close", "dialogue.reopen", "reward.approve", "reward.paid",
                "reward.payout-refused", "account.create", "account.update", "channel.create", "channel.rotate",
                "channel.revoke", "channel.update");
    }

    @Test
    void everyLabelRoundTripsAndFitsTheColumnsCheck() {
        Pattern form = Pattern.compile(MigrationChecks.pattern("V3__audit.sql", "audit_entry_action_form"));
        for (AuditAction action : AuditAction.values()) {
            assertThat(AuditAction.fromLabel(action.label())).isSameAs(action);
            assertThat(form.matcher(action.label()).matches()).as(action.label()).isTrue();
            assertThat(action.label()).hasSizeLessThanOrEqualTo(64);
        }
        assertThat(AuditAction.fromLabel("reward.set")).isNull();
        assertThat(AuditAction.fromLabel("TIP_READ")).isNull();
        assertThat(AuditAction.fromLabel(null)).isNull();
    }

    @Test
    void anEntryStoresAndHashesTheLabel() {
        byte[] previous = AuditChain.genesis();
        for (AuditAction action : AuditAction.values()) {
            AuditEvent event = new AuditEvent("audrey", action, "TIP-7KQ3-9XHD-M2PF-4RTA", "case 12", Map.of("k", "v"));
            AuditEntry entry = AuditEntry.next(7, previous, AT, event);
            assertThat(entry.action()).isEqualTo(action.label());
            assertThat(entry.hash()).isEqualTo(AuditChain.hash(previous, 7, AT, "audrey", action.label(),
                    "TIP-7KQ3-9XHD-M2PF-4RTA", "case 12", "{\"k\":\"v\"}"));
            assertThat(entry.computeHash()).isEqualTo(entry.hash());
        }
    }

    @Test
    void anEventPrintsItsLabel() {
        assertThat(AuditEvent.of("audrey", AuditAction.REWARD_PAYOUT_REFUSED))
                .hasToString("AuditEvent[action=reward.payout-refused, tip=false]");
    }
}
