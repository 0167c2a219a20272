package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Seeded mutations of valid recordings end in a clean TraceFormatException or a successful import, nothing else. */
class ImporterFuzzTest {

    private static final int MUTANTS = 300;

    @TempDir
    Path dir;

    @Test
    void shouldFailCleanlyOnMutatedMallocLabTraces() throws IOException {
        fuzz(Importer.MALLOCLAB, "20000\n4\n9\n1\na 0 512\na 1 128\nr 0 640\na 2 128\nf 1\nr 3 16\nr 0 0\nf 2\nf 3\n");
    }

    @Test
    void shouldFailCleanlyOnMutatedHeaptrackRecordings() throws IOException {
        fuzz(Importer.HEAPTRACK, "v 10400 3\nX demo\nt 7f 0\n+ 11c00 1 55bfb4386530\n+ 20 1 55bfb43981d0\n"
            + "- 55bfb4386530\nc a\n+ 40 2 55bfb4386530\n- 55bfb43981d0\n- 55bfb4386530\n");
    }

    @Test
    void shouldFailCleanlyOnMutatedMtraceLogs() throws IOException {
        fuzz(Importer.MTRACE, "= Start\n@ x:[0x1] + 0x5640 0x5\n@ x:[0x2] + 0x5650 0x1000\n@ x:[0x3] < 0x5640\n"
            + "@ x:[0x3] > 0x5700 0x40\n@ x:[0x4] - 0x5650\n- 0x5700\n= End\n");
    }

    private void fuzz(Importer importer, String valid) throws IOException {
        SplittableRandom random = new SplittableRandom(99);
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("fuzz.in");
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = bytes.clone();
            for (int r = 0; r < 1 + random.nextInt(3); r++) {
                int at = random.nextInt(mutant.length);
                mutant[at] = random.nextBoolean() ? (byte) random.nextInt(256)
                    : (byte) "0123456789abcdefx -+<>!@\n(nil)".charAt(random.nextInt(30));
            }
            if (random.nextInt(5) == 0) {
                mutant = Arrays.copyOf(mutant, random.nextInt(mutant.length));
            }
            Files.write(file, mutant);
            try {
                Imports.scan(importer, file, null);
            } catch (TraceFormatException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail(importer + " mutant " + i + " failed with " + t + " on: "
                    + new String(mutant, StandardCharsets.UTF_8), t);
            }
        }
        assertTrue(rejected > 0, "no mutant was rejected");
    }
}
