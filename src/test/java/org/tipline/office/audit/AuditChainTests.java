package org.tipline.office.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.platform.refusal.InvalidField;

/** The canonical encoding and the hash, as documented in {@link AuditChain}; no database. */
class AuditChainTests {

    private static final Instant AT = Instant.parse("2026-11-25T14:03:07.123456Z");

    @Test
    void theEncodingIsTheDocumentedOne() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(ByteBuffer.allocate(8).putLong(42).array());
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1_795_615_387_123_456L).array());
        text(expected, "audrey");
        text(expected, "tip.read");
        text(expected, "TIP-7KQ3-9XHD-M2PF-4RTA");
        expected.write(0); // no purpose
        text(expected, "{\"field\":\"status\"}");

        byte[] encoding = AuditChain.encode(42, AT, "audrey", "tip.read", "TIP-7KQ3-9XHD-M2PF-4RTA", null,
                "{\"field\":\"status\"}");
        assertThat(encoding).isEqualTo(expected.toByteArray());

        byte[] prev = new byte[32];
        prev[0] = 7;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(prev);
        sha256.update(expected.toByteArray());
        assertThat(AuditChain.hash(prev, 42, AT, "audrey", "tip.read", "TIP-7KQ3-9XHD-M2PF-4RTA", null,
                "{\"field\":\"status\"}")).isEqualTo(sha256.digest());
    }

    @Test
    void fieldBoundariesAndNullsCannotBeConfused() {
        byte[] genesis = AuditChain.genesis();
        assertThat(AuditChain.hash(genesis, 1, AT, "ab", "c.d", null, null, null))
                .isNotEqualTo(AuditChain.hash(genesis, 1, AT, "a", "bc.d", null, null, null));
        assertThat(AuditChain.hash(genesis, 1, AT, "a", "b.c", null, "", null))
                .isNotEqualTo(AuditChain.hash(genesis, 1, AT, "a", "b.c", null, null, null));
        assertThat(AuditChain.hash(genesis, 1, AT, "a", "b.c", "x", null, null))
                .isNotEqualTo(AuditChain.hash(genesis, 1, AT, "a", "b.c", null, "x", null));
        assertThat(AuditChain.hash(genesis, 1, AT, "a", "b.c", null, null, null))
                .isNotEqualTo(AuditChain.hash(genesis, 2, AT, "a", "b.c", null, null, null))
                .isNotEqualTo(AuditChain.hash(genesis, 1, AT.plusNanos(1_000), "a", "b.c", null, null, null));
    }

    @Test
    void theGenesisIs32ZeroBytes() {
        assertThat(AuditChain.genesis()).hasSize(32).containsOnly(0);
        assertThat(AuditHead.empty().hash()).isEqualTo("0".repeat(64));
    }

    @Test
    void detailIsCanonicalJsonWithSortedKeysAndMinimalEscapes() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("zeta", "last");
        detail.put("Alpha", "quote \" backslash \\ tab \t newline \n bell \u0007 é ✓");
        detail.put("alpha", "");
        assertThat(AuditChain.canonicalDetail(detail)).isEqualTo(
                "{\"Alpha\":\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 é ✓\",\"alpha\":\"\",\"zeta\":\"last\"}");
        assertThat(AuditChain.canonicalDetail(Map.of())).isNull();
        assertThat(AuditChain.canonicalDetail(null)).isNull();
    }

    @Test
    void eventsAreChecked() {
        assertThat(new AuditEvent("audrey", AuditAction.TIP_READ, "TIP-7KQ3-9XHD-M2PF-4RTA", "case 12", Map.of("b", "2", "a", "1"))
                .detail()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> AuditEvent.of(" ", AuditAction.TIP_READ)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEvent.of("audrey", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("audrey", AuditAction.TIP_READ, "tip-7kq3", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("audrey", AuditAction.TIP_READ, null, null, Map.of("bad key", "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("audrey", AuditAction.TIP_READ, null, null, Map.of("k", "nul\0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("audrey", AuditAction.TIP_READ, null, "x".repeat(501), null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("purpose"));
        assertThatThrownBy(() -> new AuditEvent("audrey", AuditAction.TIP_READ, null, "lone \ud800 surrogate", null))
                .isInstanceOf(InvalidField.class);
        assertThat(new AuditEvent("audrey", AuditAction.TIP_READ, null, "x".repeat(500), null).purpose()).hasSize(500);
        assertThat(new AuditEvent("audrey", AuditAction.TIP_READ, null, "secret purpose", Map.of("k", "secret detail")))
                .hasToString("AuditEvent[action=tip.read, tip=false]");
    }

    @Test
    void anAnchorAtZeroIsTheEmptyLog() {
        assertThat(new ChainVerifier(new AuditAnchor(0, "0".repeat(64))).result(AuditHead.empty()).ok()).isTrue();
        AuditVerification wrong = new ChainVerifier(new AuditAnchor(0, "1".repeat(64))).result(AuditHead.empty());
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.reason()).isEqualTo(AuditVerification.Reason.ANCHOR_MISMATCH);
        AuditVerification missing = new ChainVerifier(new AuditAnchor(3, "a".repeat(64))).result(AuditHead.empty());
        assertThat(missing.reason()).isEqualTo(AuditVerification.Reason.ANCHOR_MISSING);
        assertThat(missing.brokenSeq()).isEqualTo(1);
    }

    private static void text(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }
}
