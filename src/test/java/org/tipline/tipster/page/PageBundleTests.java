package org.tipline.tipster.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.testing.NodeTools;

/**
 * The page's committed script is what its sources build: src/main/web is copied to a temp
 * folder, its packages installed from the lock file ({@code npm ci}), and the build's output
 * compared byte for byte with src/main/resources/META-INF/resources/page/assets. Skipped
 * where Node.js is not installed, required in CI (NodeTools).
 */
class PageBundleTests {

    private static final Path WEB = Path.of("src/main/web");
    private static final Path ASSETS = Path.of("src/main/resources/META-INF/resources/page/assets");
    private static final List<String> BUILT = List.of("page.js", "altcha-sha.js");

    @Test
    void theCommittedBundleIsWhatTheLockFileBuilds(@TempDir Path temp) throws Exception {
        NodeTools.requireCommand("npm");
        Path project = temp.resolve("web");
        copy(WEB, project);
        run(project, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        Path out = temp.resolve("out");
        run(project, "node", "build.mjs", "--outdir", out.toString());
        for (String name : BUILT) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name + " rebuilt from src/main/web differs from the "
                    + "committed one: run npm ci && npm run build in src/main/web and commit the output")
                    .isEqualTo(Files.readAllBytes(ASSETS.resolve(name)));
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
