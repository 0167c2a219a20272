package io.heaplab.harness;

import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.TimelinePoint;
import org.HdrHistogram.Histogram;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * What one JVM measured for one pair: the measuring replay's outcome (if it ran), the ops/s of each measured run,
 * and the sampled latencies.
 *
 * <h2>Wire format</h2> (how a forked JVM hands its outcome back; {@link DataOutputStream} encoding)
 * <pre>
 *   int magic 0x48504C46, int version 1
 *   boolean replay present; if so: 9 longs (OperationCounts, in component order),
 *       long peakLive, long footprint, double utilization, double fragmentation, long internal,
 *       double external, double externalMean, int points, points x (long op, long live, long footprint,
 *       double external), UTF problem
 *   int runs, runs x double opsPerSecond
 *   double timerOverheadNanos, int sampleEvery
 *   int histogramBytes (0 = none), bytes of HdrHistogram's compressed encoding
 * </pre>
 *
 * @param replay             the measuring replay's outcome, or {@code null} if it did not run
 * @param opsPerSecond       one figure per measured run
 * @param latency            sampled latencies in nanoseconds, or {@code null}
 * @param latencySampleEvery one operation in this many was timed (0 when none)
 * @param timerOverheadNanos the median cost of one {@code System.nanoTime()} pair
 */
public record ForkOutcome(ReplayOutcome replay, double[] opsPerSecond, Histogram latency, int latencySampleEvery,
                          double timerOverheadNanos) {

    private static final int MAGIC = 0x48504C46;
    private static final int VERSION = 1;

    /**
     * Writes this outcome in the wire format.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeBoolean(replay != null);
        if (replay != null) {
            OperationCounts c = replay.counts();
            for (long v : new long[] {c.ops(), c.allocs(), c.frees(), c.reallocsInPlace(), c.reallocsMoved(),
                c.failedAllocations(), c.skippedOps(), c.traceErrors(), c.verifyErrors()}) {
                out.writeLong(v);
            }
            MemoryMetrics m = replay.memory();
            out.writeLong(m.peakLiveBytes());
            out.writeLong(m.peakFootprintBytes());
            out.writeDouble(m.utilization());
            out.writeDouble(m.fragmentation());
            out.writeLong(m.internalFragmentationBytes());
            out.writeDouble(m.externalFragmentation());
            out.writeDouble(m.externalFragmentationMean());
            out.writeInt(replay.timeline().size());
            for (TimelinePoint p : replay.timeline()) {
                out.writeLong(p.opIndex());
                out.writeLong(p.liveBytes());
                out.writeLong(p.footprintBytes());
                out.writeDouble(p.externalFragmentation());
            }
            out.writeUTF(replay.problem());
        }
        out.writeInt(opsPerSecond.length);
        for (double v : opsPerSecond) {
            out.writeDouble(v);
        }
        out.writeDouble(timerOverheadNanos);
        out.writeInt(latencySampleEvery);
        if (latency == null) {
            out.writeInt(0);
        } else {
            ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
            int length = latency.encodeIntoCompressedByteBuffer(buffer);
            out.writeInt(length);
            out.write(buffer.array(), 0, length);
        }
        out.flush();
    }

    /**
     * Reads an outcome written by {@link #writeTo}.
     *
     * @param in where to read
     * @return the outcome
     * @throws IOException if reading fails or the data is not in the wire format
     */
    public static ForkOutcome readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a heaplab fork outcome of version " + VERSION);
        }
        ReplayOutcome replay = null;
        if (in.readBoolean()) {
            OperationCounts counts = new OperationCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
            MemoryMetrics memory = new MemoryMetrics(in.readLong(), in.readLong(), in.readDouble(), in.readDouble(),
                in.readLong(), in.readDouble(), in.readDouble());
            int points = in.readInt();
            List<TimelinePoint> timeline = new ArrayList<>(points);
            for (int i = 0; i < points; i++) {
                timeline.add(new TimelinePoint(in.readLong(), in.readLong(), in.readLong(), in.readDouble()));
            }
            replay = new ReplayOutcome(counts, memory, timeline, in.readUTF());
        }
        double[] ops = new double[in.readInt()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = in.readDouble();
        }
        double timer = in.readDouble();
        int every = in.readInt();
        int length = in.readInt();
        Histogram latency = null;
        if (length > 0) {
            try {
                latency = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(in.readNBytes(length)), 0);
            } catch (DataFormatException e) {
                throw new IOException("corrupt latency histogram: " + e.getMessage(), e);
            }
        }
        return new ForkOutcome(replay, ops, latency, every, timer);
    }
}
