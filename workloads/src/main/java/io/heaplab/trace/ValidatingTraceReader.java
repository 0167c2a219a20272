package io.heaplab.trace;

import io.heaplab.trace.internal.LongLongMap;

import java.io.IOException;

/**
 * Checks liveness on top of a format reader: {@code alloc} must name an id that is not live, {@code free} and
 * {@code realloc} must name a live one. A trace that passes is safe to replay: every block is freed at most once
 * and only after it was allocated.
 *
 * <p>In {@link Validation#STRICT} mode a violation throws {@link TraceFormatException} (e.g.
 * {@code x.trace:9: free of id 4, which is not live}); in {@link Validation#LENIENT} mode the operation is skipped and
 * counted in {@link #warningCount()}.
 *
 * @implSpec Not thread-safe. When the header gives an id count of at most 2<sup>27</sup>, live ids are kept as bits
 * (grown to the largest id seen, 16 MiB at most); otherwise in a hash table, whose memory is proportional to the
 * number of live blocks.
 */
public final class ValidatingTraceReader implements TraceReader {

    private final TraceReader delegate;
    private final Validation validation;
    /** Live ids when the header's id count is unknown or large. */
    private final LongLongMap live;
    /** Live ids as bits when the header gives a moderate id count (ids are then below it): faster than hashing. */
    private long[] liveBits;
    private long liveCount;
    private long warningCount;
    private String firstWarning;

    /**
     * @param delegate   the format reader; closed by {@link #close()}
     * @param validation what to do with a violation
     */
    public ValidatingTraceReader(TraceReader delegate, Validation validation) {
        this.delegate = delegate;
        this.validation = validation;
        long idCount = delegate.header().idCount();
        this.live = idCount >= 0 && idCount <= BITSET_MAX_IDS ? null : new LongLongMap();
        this.liveBits = live == null ? new long[16] : null;
    }

    /** Up to this many ids (16 MiB of bits at most, grown lazily to the largest id seen) live ids are bits. */
    private static final long BITSET_MAX_IDS = 1L << 27;

    @Override
    public TraceHeader header() {
        return delegate.header();
    }

    @Override
    public String position() {
        return delegate.position();
    }

    @Override
    public boolean next(TraceEvent event) throws IOException {
        while (delegate.next(event)) {
            boolean ok = switch (event.kind) {
                case ALLOC -> !isLive(event.id) ? setLive(event.id, true)
                    : violation("alloc of id " + event.id + ", which is already live");
                case FREE -> isLive(event.id) ? setLive(event.id, false)
                    : violation("free of id " + event.id + ", which is not live");
                case REALLOC -> isLive(event.id)
                    || violation("realloc of id " + event.id + ", which is not live");
                case WRITE, FREE_AT -> violation("'" + event + "' is a fault operation of an injected trace;"
                    + " replay it with 'heaplab detect'");
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private boolean isLive(long id) {
        if (liveBits == null) {
            return live.containsKey(id);
        }
        int word = (int) (id >>> 6);
        return word < liveBits.length && (liveBits[word] & (1L << id)) != 0;
    }

    private boolean setLive(long id, boolean isLive) {
        if (liveBits == null) {
            if (isLive) {
                live.put(id, 1);
            } else {
                live.remove(id, -1);
            }
        } else {
            int word = (int) (id >>> 6);
            if (word >= liveBits.length) {
                liveBits = java.util.Arrays.copyOf(liveBits, Math.max(word + 1, liveBits.length * 2));
            }
            liveBits[word] ^= 1L << id;
        }
        liveCount += isLive ? 1 : -1;
        return true;
    }

    /** {@return the number of operations skipped in lenient mode} */
    public long warningCount() {
        return warningCount;
    }

    /** {@return the first skipped operation's message ({@code position: problem}), or {@code null} if none} */
    public String firstWarning() {
        return firstWarning;
    }

    /** {@return the number of blocks live at the current position} */
    public long liveCount() {
        return liveCount;
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private boolean violation(String problem) {
        if (validation == Validation.STRICT) {
            throw new TraceFormatException(delegate.position(), problem);
        }
        if (warningCount++ == 0) {
            firstWarning = delegate.position() + ": " + problem;
        }
        return false;
    }
}
