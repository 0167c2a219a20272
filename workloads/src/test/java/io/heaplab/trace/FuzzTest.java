package io.heaplab.trace;

import io.heaplab.trace.internal.IdPool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutations of valid traces (bit flips, byte changes, insertions, deletions, duplications, truncations)
 * must end in a clean {@link TraceFormatException} or a successful read: never another exception, never an
 * OutOfMemoryError.
 */
class FuzzTest {

    private static final long SEED = 20261122L;
    private static final int MUTANTS = 2000;

    @Test
    void shouldFailCleanlyOnMutatedTextTraces() throws IOException {
        assertOnlyCleanFailures(validTrace(TraceFormat.TEXT), "text");
    }

    @Test
    void shouldFailCleanlyOnMutatedBinaryTraces() throws IOException {
        assertOnlyCleanFailures(validTrace(TraceFormat.BINARY), "binary");
    }

    @Test
    void shouldFailCleanlyOnMutatedGzipTraces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(validTrace(TraceFormat.BINARY));
        }
        assertOnlyCleanFailures(out.toByteArray(), "gzip");
    }

    @Test
    void shouldFailCleanlyOnMutatedZstdTraces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zst = Compression.compressFor("x.zst", out)) {
            zst.write(validTrace(TraceFormat.TEXT));
        }
        assertOnlyCleanFailures(out.toByteArray(), "zstd");
    }

    private static void assertOnlyCleanFailures(byte[] valid, String what) {
        SplittableRandom random = new SplittableRandom(SEED);
        int clean = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(valid, random);
            try (TraceReader reader = Traces.open(new java.io.ByteArrayInputStream(mutant), "fuzz", Validation.STRICT)) {
                TraceEvent event = new TraceEvent();
                while (reader.next(event)) {
                    // read to the end
                }
            } catch (TraceFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz"), "message names the position: " + e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
                clean++;
            } catch (Throwable t) {
                fail(what + " mutant " + i + " failed with " + t + "; input: " + Arrays.toString(
                    Arrays.copyOf(mutant, Math.min(mutant.length, 200))), t);
            }
        }
        assertTrue(clean > MUTANTS / 10, "most mutants should be rejected, only " + clean + " were");
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] b = valid.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = (byte) "0123456789 -\n#%afr".charAt(random.nextInt(18));
                case 3 -> b = Arrays.copyOf(b, at); // truncate
                case 4 -> { // delete a range
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter;
                }
                case 5 -> { // insert random bytes (sometimes 0xff runs: huge varints)
                    int len = 1 + random.nextInt(12);
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at);
                    for (int k = 0; k < len; k++) {
                        longer[at + k] = random.nextBoolean() ? (byte) 0xff : (byte) random.nextInt(256);
                    }
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
                default -> { // duplicate a chunk
                    int len = Math.min(b.length - at, 1 + random.nextInt(32));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    /** A valid trace of 60 operations with reuse of ids, threads and timestamps. */
    static byte[] validTrace(TraceFormat format) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        IdPool ids = new IdPool();
        List<Integer> live = new ArrayList<>();
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TraceEvent e = new TraceEvent();
            int choice = live.isEmpty() ? 0 : random.nextInt(3);
            if (choice == 0) {
                int id = ids.acquire();
                live.add(id);
                e.alloc(id, random.nextLong(0, 5000), 1L << random.nextInt(0, 13));
            } else if (choice == 1) {
                int id = live.remove(random.nextInt(live.size()));
                ids.release(id);
                e.free(id);
            } else {
                e.realloc(live.get(random.nextInt(live.size())), random.nextLong(0, 100000));
            }
            if (random.nextInt(4) == 0) {
                e.threadId = random.nextInt(4);
            }
            if (random.nextInt(3) == 0) {
                e.timestampNanos = i * 1000L;
            }
            events.add(e);
        }
        TraceHeader header = new TraceHeader("fuzz-seed", "generated for FuzzTest", events.size(), ids.idCount(),
            Map.of("k", "v w"));
        byte[] bytes = TraceTestSupport.write(format, header, events);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).length() > 100);
        return bytes;
    }
}
