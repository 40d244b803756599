package org.tipline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.ChannelKeys;
import org.tipline.testing.Channels;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tipster.channel.ChannelDirectory;
import picocli.CommandLine;

/**
 * {@code tipline channels}, run in this process against the test database: the key is
 * printed once and stored as a hash, each change has its audit entry with the operator as
 * actor, a rotation stops the old key and a revocation the channel, and every refusal is one
 * line that stores nothing.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ChannelsCommandTests {

    private static final Pattern KEY = Pattern.compile("tlc_[A-Za-z0-9_-]{43}");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ChannelDirectory directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int channels(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        ChannelsCliContext context = new ChannelsCliContext(() -> CliDatabase.of(dataSource.getConnection()),
                "ops user", "web", "default");
        CommandLine commandLine = ChannelsCommand.commandLine(() -> context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String printedKey() {
        Matcher key = KEY.matcher(out.toString());
        assertThat(key.find()).as(out.toString()).isTrue();
        return key.group();
    }

    @Test
    void aChannelIsMadeRotatedAndRevokedFromTheCommandLine() {
        TipRows rows = new TipRows(dataSource);
        String name = Channels.name("app");
        assertThat(channels("add", "--name", name, "--program", "metro", "--origin",
                "https://App.Example.org,http://127.0.0.1:8081", "--tips-per-hour", "20", "--no-proof-of-work"))
                .as(err.toString()).isZero();
        String key = printedKey();
        Map<String, Object> row = rows.query("select key_hash, program, origins::text as origins, tips_per_hour, "
                + "proof_of_work, row_to_json(channel)::text as json from channel where name = ?", name).get(0);
        assertThat((byte[]) row.get("key_hash")).isEqualTo(ChannelKeys.hash(key));
        assertThat(row).containsEntry("program", "metro").containsEntry("tips_per_hour", 20)
                .containsEntry("proof_of_work", false)
                .containsEntry("origins", "{http://127.0.0.1:8081,https://app.example.org}");
        assertThat((String) row.get("json")).doesNotContain(key.substring(4));
        assertThat(audit("channel.create", name)).containsExactly("cli:ops_user");

        assertThat(channels("list")).isZero();
        assertThat(out.toString()).contains(name + "\tmetro\tactive\t20\tno\thttp://127.0.0.1:8081,https://app.example.org")
                .doesNotContain(key.substring(4));

        directory.refresh().await().indefinitely();
        Channels.postTip(key, "from the app").then().statusCode(201);

        assertThat(channels("rotate", name)).as(err.toString()).isZero();
        String newKey = printedKey();
        assertThat(newKey).isNotEqualTo(key);
        assertThat(audit("channel.rotate", name)).containsExactly("cli:ops_user");
        directory.refresh().await().indefinitely();
        Channels.postTip(key, "old key").then().statusCode(401);
        Channels.postTip(newKey, "new key").then().statusCode(201);

        assertThat(channels("revoke", name)).as(err.toString()).isZero();
        assertThat(audit("channel.revoke", name)).containsExactly("cli:ops_user");
        directory.refresh().await().indefinitely();
        Channels.postTip(newKey, "revoked").then().statusCode(401);
        assertThat(channels("list")).isZero();
        assertThat(out.toString()).contains(name + "\tmetro\trevoked");

        long audits = rows.auditCount();
        assertThat(channels("rotate", name)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tipline channels: the channel " + name + " is revoked; create a new one\n");
        assertThat(channels("add", "--name", name)).isEqualTo(1);
        assertThat(err.toString()).contains("exists");
        assertThat(rows.auditCount()).isEqualTo(audits);
    }

    @Test
    void aRefusalIsOneLineAndStoresNothing() {
        TipRows rows = new TipRows(dataSource);
        long stored = rows.queryLong("select count(*) from channel");
        long audits = rows.auditCount();
        for (List<String> args : List.of(List.of("add", "--name", "Bad_Name"), List.of("add", "--name", "web"),
                List.of("add", "--name", Channels.name("o"), "--origin", "https://*.example.org"),
                List.of("add", "--name", Channels.name("o"), "--origin", "http://plain.example.org"),
                List.of("add", "--name", Channels.name("q"), "--tips-per-hour", "-5"),
                List.of("rotate", "no-such-channel"), List.of("revoke", "no-such-channel"))) {
            assertThat(channels(args.toArray(String[]::new))).as(args.toString()).isEqualTo(1);
            assertThat(err.toString()).startsWith("tipline channels: ").doesNotContain("Exception").hasLineCount(1);
            assertThat(out.toString()).doesNotContain("tlc_");
        }
        assertThat(channels()).isEqualTo(2);
        assertThat(rows.queryLong("select count(*) from channel")).isEqualTo(stored);
        assertThat(rows.auditCount()).isEqualTo(audits);
    }

    private List<String> audit(String action, String name) {
        return new TipRows(dataSource).query("select actor from audit_entry where action = ? and detail like ?",
                action, "%\"" + name + "\"%").stream().map(row -> (String) row.get("actor")).toList();
    }
}
