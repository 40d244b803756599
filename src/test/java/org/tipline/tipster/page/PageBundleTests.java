package org.tipline.tipster.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.testing.NodeTools;

/**
 * The page's committed script is what its sources build: src/main/web is copied to a temp
 * folder, its packages installed from the lock file ({@code npm ci}), and the build's output
 * (page.js, the worker, the sealer's chunks, with the wordlist read from tipline's own
 * src/main/resources/followup/eff-large-wordlist.txt) compared file by file and byte for byte
 * with src/main/resources/META-INF/resources/page/assets: the same files, none missing and none
 * left over. The same build's QR encoder and OAuth client for the office console (qr.js,
 * lean-qr; oauth.js, oauth4webapi) are compared the same way with
 * src/main/resources/META-INF/resources/office/vendor. Skipped where Node.js is not installed,
 * required in CI (NodeTools).
 */
class PageBundleTests {

    private static final Path WEB = Path.of("src/main/web");
    private static final Path ASSETS = Path.of("src/main/resources/META-INF/resources/page/assets");
    private static final Path VENDOR = Path.of("src/main/resources/META-INF/resources/office/vendor");
    private static final Path WORDLIST = Path.of("src/main/resources/followup/eff-large-wordlist.txt");
    /** The assets that are written by hand, not built. */
    private static final Set<String> HAND_WRITTEN = Set.of("page.css", "favicon.svg");

    @Test
    void theCommittedBundleIsWhatTheLockFileBuilds(@TempDir Path temp) throws Exception {
        NodeTools.requireCommand("npm");
        Path project = temp.resolve("web");
        copy(WEB, project);
        run(project, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        Path out = temp.resolve("out");
        Path vendor = temp.resolve("vendor");
        run(project, "node", "build.mjs", "--outdir", out.toString(), "--vendor", vendor.toString(), "--wordlist",
                WORDLIST.toAbsolutePath().toString());
        Set<String> built = names(out);
        Set<String> committed = names(ASSETS);
        committed.removeAll(HAND_WRITTEN);
        String rebuild = ": run npm ci && npm run build in src/main/web and commit the output";
        assertThat(built).as("the build's files").contains("page.js", "altcha-sha.js")
                .anySatisfy(name -> assertThat(name).startsWith("seal-"));
        assertThat(committed).as("the committed bundle's files" + rebuild).isEqualTo(built);
        for (String name : built) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name + " rebuilt from src/main/web differs from the "
                    + "committed one" + rebuild).isEqualTo(Files.readAllBytes(ASSETS.resolve(name)));
        }
        assertThat(names(VENDOR)).as("the console's vendor files" + rebuild).isEqualTo(names(vendor))
                .containsExactlyInAnyOrder("qr.js", "oauth.js");
        for (String name : List.of("qr.js", "oauth.js")) {
            assertThat(Files.readAllBytes(vendor.resolve(name))).as("office/vendor/" + name + " rebuilt from src/main/web "
                    + "differs from the committed one" + rebuild).isEqualTo(Files.readAllBytes(VENDOR.resolve(name)));
        }
        // The wordlist reaches the browser from tipline's own file, whole (its licence lines too), as it is.
        String sealer = Files.readString(ASSETS.resolve(built.stream().filter(name -> name.startsWith("seal-"))
                .findFirst().orElseThrow()));
        assertThat(sealer).as("the sealer carries src/main/resources/followup/eff-large-wordlist.txt")
                .contains(Files.readString(WORDLIST).strip());
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The sources only: never node_modules, whose packages npm ci installs from the lock file. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("node_modules")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command) + " ended").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
    }
}
