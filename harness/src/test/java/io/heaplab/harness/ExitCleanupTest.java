package io.heaplab.harness;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A heaplab JVM stopped by SIGTERM or SIGINT leaves no fork running and no temporary file behind. */
class ExitCleanupTest {

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void shouldStopTheForkDeleteTheTemporaryFilesAndReportFinishedPairsWhenSignalled(String signal,
                                                                                     @TempDir Path tmp)
        throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
            InterruptedForkMain.class.getName())
            .redirectError(tmp.resolve("parent.err").toFile()).start();
        List<ProcessHandle> children;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8));
            assertEquals("forking", out.readLine());
            children = waitForChildren(parent);
            assertFalse(heaplabFiles(tmp).isEmpty(), "the trace file and the fork's files exist while it runs");
            new ProcessBuilder("kill", "-" + signal, Long.toString(parent.pid())).start().waitFor();
            assertTrue(parent.waitFor(60, TimeUnit.SECONDS), "the parent stops");
        } finally {
            parent.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            assertTrue(child.onExit().thenApply(p -> true).completeOnTimeout(false, 10, TimeUnit.SECONDS).get(),
                "fork " + child.pid() + " was stopped with its parent");
        }
        assertEquals(List.of(), heaplabFiles(tmp));
        assertEquals("heaplab: stopped after 1 of 2 pairs; finished:\n  bump on t: ok, 1 ops/s\n",
            Files.readString(tmp.resolve("parent.err")).replace(System.lineSeparator(), "\n"));
    }

    /** {@return the parent's children, once it has one} */
    private static List<ProcessHandle> waitForChildren(Process parent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = parent.children().toList();
            if (!children.isEmpty()) {
                return children;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the parent started no fork within 60 s");
    }

    private static List<String> heaplabFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("heaplab-")).sorted().toList();
        }
    }
}
