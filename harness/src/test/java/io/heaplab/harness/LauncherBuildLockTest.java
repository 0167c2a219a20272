package io.heaplab.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code heaplab} launcher builds once when two launches start together on a fresh clone (before, both built
 * and one failed replacing the jar). Runs the real launcher over a stand-in project whose {@code mvnw} takes two
 * seconds and counts its builds, and whose {@code java} only echoes; needs bash and flock.
 */
class LauncherBuildLockTest {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).resolveSibling("heaplab");

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean onPath(String command) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
    }

    @Test
    void shouldBuildOnceWhenTwoLaunchesStartTogether(@TempDir Path project) throws Exception {
        assumeTrue(Files.isRegularFile(LAUNCHER) && onPath("flock"), "needs the launcher, bash and flock");
        Files.copy(LAUNCHER, project.resolve("heaplab"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        script(project.resolve(".mvn/jdk.sh"), "heaplab_use_jdk() { export JAVA_HOME=\"$here/jdk\"; }\n");
        script(project.resolve("jdk/bin/java"), "#!/usr/bin/env bash\necho ran\n");
        script(project.resolve("mvnw"), "#!/usr/bin/env bash\nsleep 2\necho build >> builds\n"
            + "mkdir -p harness/target && touch harness/target/heaplab.jar\n");
        Process first = new ProcessBuilder("bash", "heaplab", "list").directory(project.toFile())
            .redirectErrorStream(true).start();
        Process second = new ProcessBuilder("bash", "heaplab", "list").directory(project.toFile())
            .redirectErrorStream(true).start();
        try {
            assertEquals(true, first.waitFor(60, TimeUnit.SECONDS));
            assertEquals(true, second.waitFor(60, TimeUnit.SECONDS));
            String outputs = new String(first.getInputStream().readAllBytes()) + "|"
                + new String(second.getInputStream().readAllBytes());
            assertEquals(0, first.exitValue(), outputs);
            assertEquals(0, second.exitValue(), outputs);
            assertEquals("build\n", Files.readString(project.resolve("builds")), outputs);
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }
}
