package io.heaplab.alloc.checked;

import io.heaplab.alloc.Allocators;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ErrorMode#ABORT} halts the JVM: checked in a child JVM running {@link #main}. */
class AbortModeTest {

    /** A double free in ABORT mode; prints "survived" if the JVM was not halted. */
    public static void main(String[] args) {
        io.heaplab.alloc.Allocator heap = CheckedAllocator.of(Allocators.bump(1 << 20), CheckConfig.of(CheckLevel.CHEAP, ErrorMode.ABORT));
        long p = heap.allocate(48, 8);
        heap.deallocate(p, 48, 8);
        heap.deallocate(p, 48, 8);
        System.out.println("survived");
    }

    @Test
    void shouldPrintTheReportAndHaltWithStatus134() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            AbortModeTest.class.getName()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM must end");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(134, child.exitValue(), err);
        assertEquals("", out, "nothing runs after the misuse");
        assertEquals("heaplab: fatal allocator misuse: double free of 0x0 (48 B, align 8) at op 2; allocated at op 0,"
            + " freed at op 1", err.strip());
    }
}
