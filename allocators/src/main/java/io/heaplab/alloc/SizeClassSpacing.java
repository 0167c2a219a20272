package io.heaplab.alloc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The size classes of a segregated-storage allocator: an ascending table of block sizes, each a multiple of 16.
 * A request is served by the smallest class that holds it, so the spacing bounds internal fragmentation.
 *
 * <p>Two spacings are built in (sizes in bytes):
 * <pre>
 *   powersOfTwo(16, 8192):  16 32 64 128 256 512 1024 2048 4096 8192           (Kingsley, Heap Layers)
 *                           worst-case waste just under 50% of the block
 *   quarterSteps(16, 8192): 16 32 48 64 | 80 96 112 128 | 160 192 224 256 | 320 384 448 512 | ... | 8192
 *                           four classes per doubling, step = base/4, as jemalloc (SC_NGROUP = 4) and mimalloc
 *                           (top 3 bits) space theirs: worst-case waste about 20% of the block
 * </pre>
 *
 * @param name        a short name for reports, e.g. {@code pow2}
 * @param classBytes  the class sizes in bytes, strictly ascending multiples of 16
 */
public record SizeClassSpacing(String name, long[] classBytes) {

    /** The quantum every class size is a multiple of, and the smallest class, in bytes. */
    public static final long QUANTUM_BYTES = 16;

    /**
     * Validates and copies the table.
     *
     * @throws IllegalArgumentException if the table is empty, not strictly ascending, or has a size that is not a
     *                                  positive multiple of {@link #QUANTUM_BYTES}
     */
    public SizeClassSpacing {
        classBytes = classBytes.clone();
        if (classBytes.length == 0) {
            throw new IllegalArgumentException("a spacing needs at least one class");
        }
        long previous = 0;
        for (long size : classBytes) {
            if (size <= previous || size % QUANTUM_BYTES != 0) {
                throw new IllegalArgumentException("class sizes must be strictly ascending multiples of 16: "
                    + Arrays.toString(classBytes));
            }
            previous = size;
        }
    }

    /**
     * {@return powers of two from {@code minBytes} to {@code maxBytes}}
     *
     * @param minBytes smallest class, a power of two &ge; 16
     * @param maxBytes largest class, a power of two &ge; {@code minBytes}
     * @throws IllegalArgumentException if the bounds are not such powers of two
     */
    public static SizeClassSpacing powersOfTwo(long minBytes, long maxBytes) {
        checkBounds(minBytes, maxBytes);
        List<Long> sizes = new ArrayList<>();
        for (long size = minBytes; size <= maxBytes; size <<= 1) {
            sizes.add(size);
        }
        return new SizeClassSpacing("pow2", sizes.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * {@return four classes per doubling from {@code minBytes} to {@code maxBytes}} Up to 64 bytes the step is the
     * 16-byte quantum; above, each doubling {@code (base, 2*base]} gets {@code base + i*base/4} for i = 1..4.
     *
     * @param minBytes smallest class, a power of two &ge; 16
     * @param maxBytes largest class, a power of two &ge; {@code minBytes}
     * @throws IllegalArgumentException if the bounds are not such powers of two
     */
    public static SizeClassSpacing quarterSteps(long minBytes, long maxBytes) {
        checkBounds(minBytes, maxBytes);
        List<Long> sizes = new ArrayList<>();
        for (long size = minBytes; size <= Math.min(64, maxBytes); size += QUANTUM_BYTES) {
            sizes.add(size);
        }
        for (long base = 64; base < maxBytes; base <<= 1) {
            for (int i = 1; i <= 4; i++) {
                long size = base + i * (base / 4);
                if (size >= minBytes) {
                    sizes.add(size);
                }
            }
        }
        return new SizeClassSpacing("4x", sizes.stream().distinct().sorted().mapToLong(Long::longValue).toArray());
    }

    private static void checkBounds(long minBytes, long maxBytes) {
        if (minBytes < QUANTUM_BYTES || Long.bitCount(minBytes) != 1 || Long.bitCount(maxBytes) != 1
            || maxBytes < minBytes) {
            throw new IllegalArgumentException("class bounds must be powers of two with 16 <= min <= max: "
                + minBytes + ", " + maxBytes);
        }
    }

    /** {@return the number of classes} */
    public int classCount() {
        return classBytes.length;
    }

    /** {@return the size of class {@code sizeClass} in bytes} @param sizeClass {@code 0 <= sizeClass < classCount()} */
    public long classBytes(int sizeClass) {
        return classBytes[sizeClass];
    }

    /** {@return a copy of the class sizes in bytes} */
    @Override
    public long[] classBytes() {
        return classBytes.clone();
    }

    /** {@return the largest class in bytes} */
    public long maxClassBytes() {
        return classBytes[classBytes.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeClassSpacing other && other.name.equals(name) && Arrays.equals(other.classBytes, classBytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(classBytes);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(classBytes);
    }
}
