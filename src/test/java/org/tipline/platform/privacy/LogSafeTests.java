package org.tipline.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTests {

    @Test
    void controlCharactersCannotForgeOrGarbleALogLine() {
        String hostile = "alice\r\n2026-11-25 12:00:00 INFO forged line\u001b[31mred\u0000nul\u2028sep";
        String escaped = LogSafe.escape(hostile);
        assertThat(escaped).doesNotContain("\r", "\n", "\u001b", "\u0000", "\u2028");
        assertThat(escaped).isEqualTo("alice\\u000d\\u000a2026-11-25 12:00:00 INFO forged line\\u001b[31mred\\u0000nul\\u2028sep");
    }

    @Test
    void backslashesAreEscapedSoEscapesCannotBeFaked() {
        assertThat(LogSafe.escape("a\\u000ab")).isEqualTo("a\\\\u000ab");
    }

    @Test
    void longValuesAreCut() {
        assertThat(LogSafe.escape("x".repeat(10_000))).hasSize(203).endsWith("...");
    }
}
