package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The start line names the database without credentials, and nothing in it can break the line. */
class StartLineTests {

    @Test
    void aDataFolderWithControlCharactersStaysOnOneLine() {
        String line = StartLine.database(Path.of("/srv/tip\nline\u001b[31m/pg"), null);
        assertThat(line).isEqualTo("embedded PostgreSQL in /srv/tip\\u000aline\\u001b[31m/pg").doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void aServerIsNamedWithoutItsCredentials() {
        assertThat(StartLine.database(null, "jdbc:postgresql://db.example:5432/tipline?user=intake_host&password=secret"))
                .isEqualTo("PostgreSQL server db.example:5432, database tipline");
    }
}
