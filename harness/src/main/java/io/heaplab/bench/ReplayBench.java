package io.heaplab.bench;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.harness.LoadedTrace;
import io.heaplab.harness.ReplayLoop;
import io.heaplab.harness.Workloads;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One whole-trace replay per benchmark invocation, on any registered allocator and any workload: the JMH view of
 * what {@code heaplab replay} times.
 *
 * <p>The primary score is replays per second; the {@code traceOps} secondary counter converts it to trace
 * operations per second. {@code -prof gc} reports {@code gc.alloc.rate.norm} in bytes per replay: 0 means the replay
 * loop allocates nothing on the Java heap. The heap is released after each invocation, untimed.
 *
 * <pre>
 *   ./heaplab bench ReplayBench -p allocator=noop -p workload=shuffled-free -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ReplayBench {

    /** The allocator's registered name. */
    @Param("noop")
    public String allocator;

    /** A built-in workload's name or a trace file. */
    @Param("shuffled-free")
    public String workload;

    /** Heap capacity for research allocators, in bytes. */
    @Param("268435456")
    public long heapBytes;

    private Allocator heap;
    private LoadedTrace trace;
    private long[] addresses;
    private boolean resettable;

    /** Counts trace operations so that JMH reports them per second next to replays per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Ops {
        /** Trace operations replayed. */
        public long traceOps;
    }

    /**
     * Loads the workload and builds the allocator.
     *
     * @throws IOException if the workload cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        trace = Workloads.load(workload);
        heap = AllocatorRegistry.load().get(allocator).create(heapBytes);
        addresses = ReplayLoop.newAddressMap(trace);
        resettable = ReplayLoop.supportsReset(heap);
    }

    /** Frees every block, untimed, so that each invocation starts on a fresh heap. */
    @TearDown(Level.Invocation)
    public void release() {
        ReplayLoop.release(heap, resettable, trace, addresses);
    }

    /** Closes the allocator. */
    @TearDown(Level.Trial)
    public void tearDown() {
        heap.close();
    }

    /**
     * {@return the failed allocations of one whole replay}
     *
     * @param ops the operation counter
     */
    @Benchmark
    public long replay(Ops ops) {
        ops.traceOps += trace.opCount();
        return ReplayLoop.replay(heap, trace, addresses);
    }
}
