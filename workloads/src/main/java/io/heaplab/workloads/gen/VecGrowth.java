package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * What Rust's {@code Vec} asks of the allocator. Eight vectors are alive at a time; each has an element size of 1,
 * 4, 8 or 24 bytes (alignment 1, 4, 8, 8), is pushed to a power-law length (1 to 100 000 elements) and then dropped.
 *
 * <ul>
 *   <li>Without capacity ({@code Vec::new} then {@code push}): the first push allocates
 *       {@code max(min_non_zero_cap, 1)} elements, where {@code min_non_zero_cap} is 8 for 1-byte elements, 4 for
 *       elements up to 1 KiB, 1 otherwise; a push into a full vector grows it by reallocating to
 *       {@code max(2 * cap, len + 1, min_non_zero_cap)} elements, as {@code RawVec::grow_amortized} does.</li>
 *   <li>With capacity ({@code Vec::with_capacity(n)}): one alloc of exactly {@code n} elements, no realloc.</li>
 * </ul>
 * Dropping a vector frees its buffer (a vector that never allocated frees nothing).
 */
final class VecGrowth extends GeneratedTrace {

    private static final int SLOTS = 8;
    private static final long[] ELEMENT_BYTES = {1, 4, 8, 24};
    private static final long[] ELEMENT_ALIGN = {1, 4, 8, 8};
    private static final SizeDistribution LENGTHS = new SizeDistribution.PowerLaw(1, 0.6, 100_000);

    private final boolean withCapacity;
    private final int[] id = new int[SLOTS];
    private final long[] len = new long[SLOTS];
    private final long[] cap = new long[SLOTS];
    private final long[] target = new long[SLOTS];
    private final int[] kind = new int[SLOTS];

    VecGrowth(long opCount, long seed, boolean withCapacity) {
        super(opCount, seed);
        this.withCapacity = withCapacity;
        java.util.Arrays.fill(id, -1);
        java.util.Arrays.fill(target, -1);
    }

    @Override
    protected void step(TraceEvent event) {
        while (true) {
            int s = random.nextInt(SLOTS);
            if (target[s] < 0) {
                kind[s] = random.nextInt(ELEMENT_BYTES.length);
                target[s] = LENGTHS.sample(random);
                len[s] = 0;
                cap[s] = 0;
                if (withCapacity) {
                    cap[s] = target[s];
                    id[s] = alloc(event, cap[s] * ELEMENT_BYTES[kind[s]], ELEMENT_ALIGN[kind[s]]);
                    return;
                }
                continue;
            }
            if (len[s] == target[s]) {
                target[s] = -1;
                if (id[s] >= 0) {
                    free(event, id[s]);
                    id[s] = -1;
                    return;
                }
                continue;
            }
            // push until the vector must grow (or reaches its target length)
            long room = Math.min(cap[s], target[s]) - len[s];
            if (room > 0) {
                len[s] += room;
                continue;
            }
            long element = ELEMENT_BYTES[kind[s]];
            long minNonZeroCap = element == 1 ? 8 : element <= 1024 ? 4 : 1;
            long newCap = Math.max(Math.max(2 * cap[s], len[s] + 1), minNonZeroCap);
            if (cap[s] == 0) {
                id[s] = alloc(event, newCap * element, ELEMENT_ALIGN[kind[s]]);
            } else {
                realloc(event, id[s], newCap * element);
            }
            cap[s] = newCap;
            len[s]++;
            return;
        }
    }
}
