package org.tipline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The log checker itself: it must catch what a log injection produces. */
class AppLogTests {

    @Test
    void wellFormedLinesPass() {
        assertThat(AppLog.badLines(List.of(
                "15:18:00 INFO  [or.ti.se.LoginService] login refused",
                "15:18:00 WARN  [or.hi.or.jd.error] HHH000247: ErrorCode: 0,\tSQLState: 22021",
                "15:18:00 DEBUG [io.qu.ar] caf\u00e9 \u4e2d\u6587"))).isEmpty();
    }

    @Test
    void aStackTraceAfterARecordPasses() {
        assertThat(AppLog.badLines(List.of(
                "15:58:36 WARN  [io.ne.ch.AbstractChannelHandlerContext] An exception was thrown",
                "\tat io.netty.handler.codec.http.HttpObjectDecoder.getChunkSize(HttpObjectDecoder.java:1042)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)",
                "Caused by: java.lang.IllegalStateException: closed",
                "\t... 12 more"))).isEmpty();
    }

    @Test
    void forgedSplitOrColouredLinesAreCaught() {
        List<String> bad = List.of(
                "forged line without a time",
                "  at org.tipline.Something(Something.java:1)",
                "\tat org.tipline.Forged(Forged.java:1) with words after it",
                "15:18:00 INFO  [or.ti.x] carriage return\r09:00:00 ERROR [forged] x",
                "15:18:00 INFO  [or.ti.x] \u001b[31mred",
                "15:18:00 INFO  [or.ti.x] nul\u0000",
                "15:18:00 INFO  [or.ti.x] next line\u0085",
                "15:18:00 INFO  [or.ti.x] line separator\u2028");
        assertThat(AppLog.badLines(bad)).containsExactlyElementsOf(bad);
    }
}
