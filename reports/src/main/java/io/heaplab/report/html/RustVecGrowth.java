package io.heaplab.report.html;

/**
 * Rust's {@code Vec} growth policy (Rust 1.95, {@code alloc::raw_vec}), replayed without allocating, so the lesson
 * can show Rust's own counts beside what heaplab measured.
 *
 * <ul>
 *   <li>{@code push} on a full Vec calls {@code grow_amortized(len, 1)}: new capacity = max(2 × capacity, len + 1,
 *       {@code MIN_NON_ZERO_CAP}), where {@code MIN_NON_ZERO_CAP} is 8 for 1-byte elements, 4 for elements up to
 *       1 KiB and 1 above (small Vecs skip the tiny sizes);</li>
 *   <li>{@code reserve_exact(1)} on a full Vec calls {@code grow_exact}: new capacity = len + 1;</li>
 *   <li>{@code with_capacity(n)} allocates n elements once;</li>
 *   <li>zero-sized elements never allocate (capacity {@code usize::MAX}).</li>
 * </ul>
 * The first growth from capacity 0 is an {@code alloc}; every later one a {@code realloc} that preserves the old
 * capacity's bytes.
 */
final class RustVecGrowth {

    private RustVecGrowth() {
    }

    /**
     * What Rust asks of the allocator for one case.
     *
     * @param allocations    alloc calls
     * @param reallocations  realloc calls
     * @param bytesPreserved bytes the reallocs must keep (old capacity × element size, summed)
     */
    record Counts(long allocations, long reallocations, long bytesPreserved) {
    }

    /** {@return the smallest non-zero capacity Rust gives a Vec of this element size} @param elementBytes size */
    static long minNonZeroCapacity(long elementBytes) {
        return elementBytes == 1 ? 8 : elementBytes <= 1024 ? 4 : 1;
    }

    /**
     * {@return the capacity steps of one case as (elements pushed, capacity) corners, ready to draw as a line}
     *
     * @param caseKey      {@code new}, {@code with_capacity} or {@code reserve_exact_1}
     * @param elementBytes element size in bytes (greater than 0)
     * @param pushes       n
     * @throws IllegalArgumentException for an unknown case
     */
    static double[][] steps(String caseKey, long elementBytes, long pushes) {
        java.util.List<double[]> corners = new java.util.ArrayList<>();
        switch (caseKey) {
            case "with_capacity" -> {
                corners.add(new double[] {0, pushes});
                corners.add(new double[] {pushes, pushes});
            }
            case "reserve_exact_1" -> {
                // one element more before every push: a staircase of unit steps, drawn as its diagonal
                corners.add(new double[] {0, 0});
                corners.add(new double[] {pushes, pushes});
            }
            case "new" -> {
                corners.add(new double[] {0, 0});
                long cap = 0;
                for (long len = 0; len < pushes; len = cap) {
                    long next = Math.max(Math.max(2 * cap, len + 1), minNonZeroCapacity(elementBytes));
                    corners.add(new double[] {len, cap});
                    corners.add(new double[] {len, next});
                    cap = next;
                }
                corners.add(new double[] {pushes, cap});
            }
            default -> throw new IllegalArgumentException("unknown case " + caseKey);
        }
        double[][] xy = new double[2][corners.size()];
        for (int i = 0; i < corners.size(); i++) {
            xy[0][i] = corners.get(i)[0];
            xy[1][i] = corners.get(i)[1];
        }
        return xy;
    }

    /**
     * {@return Rust's allocator calls for n pushes in one case}
     *
     * @param caseKey      the case
     * @param elementBytes element size in bytes
     * @param pushes       n
     */
    static Counts counts(String caseKey, long elementBytes, long pushes) {
        if (elementBytes == 0 || pushes == 0) {
            return new Counts(0, 0, 0);
        }
        if (caseKey.equals("with_capacity")) {
            return new Counts(1, 0, 0);
        }
        long cap = 0;
        long allocations = 0;
        long reallocations = 0;
        long preserved = 0;
        for (long len = 0; len < pushes; len++) {
            if (cap == len) {
                long next = caseKey.equals("new")
                    ? Math.max(Math.max(2 * cap, len + 1), minNonZeroCapacity(elementBytes)) : len + 1;
                if (cap == 0) {
                    allocations++;
                } else {
                    reallocations++;
                    preserved += cap * elementBytes;
                }
                cap = next;
            }
        }
        return new Counts(allocations, reallocations, preserved);
    }
}
