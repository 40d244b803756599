package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passphrases are read exactly, erased after use and never shown. */
class PassphraseTests {

    @TempDir
    Path dir;

    @Test
    void aPassphraseFileLosesOneTrailingLineBreakOnly() throws Exception {
        Path file = dir.resolve("passphrase");
        for (String content : new String[] {"fjord kettle amber 42", "fjord kettle amber 42\n", "fjord kettle amber 42\r\n"}) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            try (Passphrase read = Passphrase.readFile(file);
                    Passphrase expected = Passphrase.wrap("fjord kettle amber 42".toCharArray())) {
                assertThat(read.sameAs(expected)).as(content.replace("\n", "\\n").replace("\r", "\\r")).isTrue();
            }
        }
        Files.writeString(file, "  spaces count  \n\n", StandardCharsets.UTF_8);
        try (Passphrase read = Passphrase.readFile(file)) {
            assertThat(read.length()).isEqualTo("  spaces count  \n".length());
        }
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        try (Passphrase passphrase = Passphrase.wrap("ÄÖÜ-été-😀".toCharArray())) {
            assertThat(passphrase.length()).isEqualTo(9);
        }
    }

    @Test
    void closingErasesTheCharacters() {
        char[] chars = "fjord kettle amber 42".toCharArray();
        Passphrase passphrase = Passphrase.wrap(chars);
        passphrase.close();
        assertThat(new String(chars)).isEqualTo("\0".repeat(chars.length));
        assertThatThrownBy(passphrase::length).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void itNeverShowsItself() {
        try (Passphrase passphrase = Passphrase.wrap("fjord kettle amber 42".toCharArray())) {
            assertThat(passphrase.toString()).doesNotContain("fjord");
        }
    }

    @Test
    void unreadableEmptyOrInvalidFilesAreRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> Passphrase.readFile(dir.resolve("missing")))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("cannot be read");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> Passphrase.readFile(empty))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("is empty");
        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThatThrownBy(() -> Passphrase.readFile(latin1))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("not valid UTF-8");
    }
}
