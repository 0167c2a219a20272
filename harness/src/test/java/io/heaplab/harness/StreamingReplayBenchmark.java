package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.trace.TraceReader;
import io.heaplab.workloads.WorkloadCatalog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A manual benchmark, not a test: replays one trace held in memory and the same trace streamed from its spill file,
 * alternately, and prints each replay's rate by wall clock and by this thread's CPU time (steadier on a shared
 * machine). Needs a heap that holds the in-memory copy (22 bytes per operation).
 *
 * <pre>
 *   java -Xmx8g --enable-native-access=ALL-UNNAMED -cp CLASSPATH io.heaplab.harness.StreamingReplayBenchmark \
 *        TRACE ALLOCATOR ROUNDS
 * </pre>
 */
final class StreamingReplayBenchmark {

    private StreamingReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String path = args[0];
        String allocatorName = args[1];
        int rounds = Integer.parseInt(args[2]);
        LoadedTrace inMemory;
        LoadedTrace streamed;
        try (TraceReader r = WorkloadCatalog.open(path)) {
            inMemory = LoadedTrace.load(path, r, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        try (TraceReader r = WorkloadCatalog.open(path)) {
            streamed = LoadedTrace.load(path, r, OpChunk.CAPACITY, Long.MAX_VALUE);
        }
        System.out.printf(Locale.ROOT, "%d ops, %d slots; in memory: %b / %b%n", inMemory.opCount(),
            inMemory.slotCount(), inMemory.inMemory(), streamed.inMemory());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Allocator a = AllocatorRegistry.load().get(allocatorName).create(1L << 30)) {
            boolean resettable = ReplayLoop.supportsReset(a);
            long[] addresses = ReplayLoop.newAddressMap(inMemory);
            for (int round = 0; round < rounds; round++) {
                for (LoadedTrace t : new LoadedTrace[] {inMemory, streamed}) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    ReplayLoop.replay(a, t, addresses);
                    wall = System.nanoTime() - wall;
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    ReplayLoop.release(a, resettable, t, addresses);
                    System.out.printf(Locale.ROOT, "round %d %-9s %7.1f Mops/s wall %7.1f Mops/s cpu%n", round,
                        t.inMemory() ? "in-memory" : "streamed", t.opCount() * 1e3 / wall, t.opCount() * 1e3 / cpu);
                }
                long cpu = threads.getCurrentThreadCpuTime();
                long sum = 0;
                for (int k = 0; k < streamed.chunkCount(); k++) {
                    sum += streamed.chunk(k).count;
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                System.out.printf(Locale.ROOT, "round %d reading the chunks only: %7.1f Mops/s cpu (%d ops)%n", round,
                    sum * 1e3 / cpu, sum);
            }
        }
    }
}
