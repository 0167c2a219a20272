package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.heaplab.workloads.imports.ImportTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An mtrace log in glibc 2.36's format, written for the test. */
class MtraceImporterTest {

    private static final String LOG = """
        = Start
        @ /lib/x86_64-linux-gnu/libc.so.6:[0x39221] + 0x564df76902a0 0x5
        @ ./demo:(main+0x1c)[0x55d0c4a1d19c] + 0x564df7690b10 0x1000
        @ ./demo:[0x55d0c4a1d1b0] < 0x564df76902a0
        @ ./demo:[0x55d0c4a1d1b0] > 0x564df7691000 0x40
        @ ./demo:[0x55d0c4a1d1c0] - 0x564df7690b10
        @ ./demo:[0x55d0c4a1d1d0] - 0x1234
        @ ./demo:[0x55d0c4a1d1e0] > 0x564df7692000 0x10
        @ ./demo:[0x55d0c4a1d1f0] + (nil) 0xffffffffff
        - 0x564df7691000
        = End
        """;

    @TempDir
    Path dir;

    @Test
    void shouldMapReallocPairsToOneReallocAndPointersToDenseIds() throws IOException {
        assertEquals(List.of("alloc 0 5 16", "alloc 1 4096 16", "realloc 0 64", "free 1", "alloc 1 16 16", "free 0"),
            readAll(Importer.MTRACE.open(write("demo.mtrace", LOG))));
    }

    @Test
    void shouldCountWhatCouldNotBeMapped() throws IOException {
        assertEquals(new TraceHeader("demo", "mtrace: demo.mtrace", 6, 2, Map.of("import.unknown-frees", "1",
                "import.realloc-as-alloc", "1", "import.failed-allocs", "1")),
            Imports.scan(Importer.MTRACE, write("demo.mtrace", LOG), null));
    }

    @Test
    void shouldRequireTheSecondHalfOfARealloc() throws IOException {
        Path log = write("bad.mtrace", "@ x < 0x10\n@ x - 0x10\n");
        assertEquals(log + ":2: expected '> 0xNEW 0xSIZE' after a '<' line, found '@ x - 0x10'",
            assertThrows(TraceFormatException.class, () -> readAll(Importer.MTRACE.open(log))).getMessage());
    }

    @Test
    void shouldImportARealMtraceLogOfASmallCProgram() throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        Path debugLib = Path.of("/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0");
        assumeTrue(Files.isExecutable(gcc) && Files.exists(debugLib), "gcc or glibc's libc_malloc_debug is missing");
        // glibc >= 2.34 writes MALLOC_TRACE only when libc_malloc_debug is preloaded and the program calls mtrace():
        // a constructor in a second preloaded library makes that call.
        Path shim = Files.writeString(dir.resolve("mtstart.c"),
            "#include <mcheck.h>\n__attribute__((constructor)) static void start(void) { mtrace(); }\n");
        Path source = dir.resolve("wordfreq.c");
        try (var in = MtraceImporterTest.class.getResourceAsStream("/record/wordfreq.c")) {
            Files.copy(in, source);
        }
        run(gcc.toString(), "-shared", "-fPIC", "-o", dir.resolve("libmtstart.so").toString(), shim.toString());
        run(gcc.toString(), "-O1", "-o", dir.resolve("wordfreq").toString(), source.toString());
        Path input = Files.writeString(dir.resolve("words.txt"),
            String.join(" ", java.util.stream.IntStream.range(0, 500).mapToObj(i -> "w" + i % 300).toList()));
        Path log = dir.resolve("wordfreq.mtrace");
        ProcessBuilder program = new ProcessBuilder(dir.resolve("wordfreq").toString(), input.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        program.environment().put("LD_PRELOAD", debugLib + " " + dir.resolve("libmtstart.so"));
        program.environment().put("MALLOC_TRACE", log.toString());
        assertEquals(0, program.start().waitFor());

        TraceHeader header = Imports.scan(Importer.MTRACE, log, null);
        // 300 distinct words: a node and a strdup each, freed at the end, plus the table, word buffer and array.
        assertTrue(header.opCount() > 1200, header.toString());
        assertEquals(null, header.attributes().get("import.unknown-frees"), header.toString());
    }

    private static void run(String... command) throws Exception {
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
