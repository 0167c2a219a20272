package io.heaplab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a streamed trace's chunks ahead of the replay, on a daemon thread, so that reading the spill file overlaps
 * the replay instead of adding to its time (reading a chunk costs about a third of replaying it).
 *
 * <h2>Protocol</h2>
 * A single-producer, single-consumer ring of {@value #DEPTH} chunks. The producer fills ring position
 * {@code s % DEPTH} with chunk {@code (base + s) % chunkCount} for {@code s = 0, 1, 2, ...}: it runs on past the last
 * chunk to chunk 0, since replays follow one another from chunk 0. Counters (both only grow until a restart):
 * <ul>
 *   <li>{@code filled}: positions {@code s < filled} hold their chunk (written by the producer);</li>
 *   <li>{@code released}: positions {@code s < released} may be overwritten (written by the consumer); the producer
 *       stays below {@code released + DEPTH}.</li>
 * </ul>
 * The consumer takes positions in order. A chunk it was handed stays valid until its next call, which releases it.
 * Asking for any chunk other than the next one in the cycle (a replay that stopped early) restarts the producer
 * there: the consumer bumps {@code generation} and waits until the producer, between two reads, acknowledges it.
 *
 * @implSpec One consumer thread at a time. Allocates nothing after construction, in either thread.
 */
final class ChunkPrefetcher {

    /** Chunks in the ring: one being replayed, three read ahead (1.4 MiB in all). */
    static final int DEPTH = 4;
    /** How long a waiting thread spins before it parks. */
    private static final int SPINS = 200;

    private final ChunkFile.Reader reader;
    private final long chunkCount;
    private final OpChunk[] ring = new OpChunk[DEPTH];
    private final Thread producer;

    private volatile long filled;
    private volatile long released;
    private volatile long generation;
    private volatile long acknowledged;
    private volatile long restartAt;
    private volatile boolean producerParked;
    private volatile IOException failure;

    /** Consumer state: the next position to take, and the chunk index of position 0. */
    private long taken;
    private long base;

    /**
     * Starts the producer at chunk 0.
     *
     * @param reader     the spill file; read only by the producer from now on
     * @param chunkCount the trace's chunks, at least 1
     * @param name       for the thread's name
     */
    ChunkPrefetcher(ChunkFile.Reader reader, long chunkCount, String name) {
        this.reader = reader;
        this.chunkCount = chunkCount;
        for (int i = 0; i < DEPTH; i++) {
            ring[i] = new OpChunk(OpChunk.CAPACITY);
        }
        producer = new Thread(this::produce, "heaplab-prefetch-" + name);
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * {@return chunk {@code k}, valid until the next call}
     *
     * @param k a chunk index below the chunk count
     * @throws UncheckedIOException if the spill file cannot be read
     */
    OpChunk get(int k) {
        released = taken; // the chunk handed out last is no longer in use
        wakeProducer();
        if (k != (base + taken) % chunkCount) {
            restart(k);
        }
        long position = taken;
        int spins = 0;
        while (filled <= position) {
            IOException e = failure;
            if (e != null) {
                throw new UncheckedIOException("cannot read the spilled trace: " + e.getMessage(), e);
            }
            spins = pause(spins);
        }
        taken = position + 1;
        return ring[(int) (position % DEPTH)];
    }

    private void restart(int k) {
        taken = 0;
        base = k;
        restartAt = k;
        long g = generation + 1;
        generation = g;
        wakeProducer();
        int spins = 0;
        while (acknowledged != g) {
            spins = pause(spins);
        }
    }

    private void wakeProducer() {
        if (producerParked) {
            LockSupport.unpark(producer);
        }
    }

    private static int pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
            return spins + 1;
        }
        LockSupport.parkNanos(10_000);
        return spins;
    }

    private void produce() {
        long seen = 0;
        long next = 0;     // the position to fill next
        long chunkBase = 0;
        while (true) {
            long g = generation;
            if (g != seen) {
                seen = g;
                chunkBase = restartAt;
                next = 0;
                released = 0;
                filled = 0;
                acknowledged = g;
            }
            if (next - released >= DEPTH || failure != null) {
                producerParked = true;
                if ((next - released >= DEPTH || failure != null) && generation == seen) {
                    LockSupport.park(this);
                }
                producerParked = false;
                continue;
            }
            try {
                reader.read((chunkBase + next) % chunkCount, ring[(int) (next % DEPTH)]);
            } catch (IOException e) {
                failure = e;
                continue;
            }
            next++;
            filled = next;
        }
    }
}
