package io.heaplab.trace;

/**
 * The limits every trace obeys, checked in one place by every reader and writer. Values past them are
 * "absurd": no real program asks for them, so they signal a corrupt or hostile file rather than a workload.
 *
 * <ul>
 *   <li>ids: {@code 0 <= id <= MAX_ID}, and {@code id < idCount} when the header gives {@code idCount}
 *       (so replay can index primitive arrays by id);</li>
 *   <li>sizes: {@code 0 <= byteSize <= MAX_BYTE_SIZE} (1 TiB); a zero size is legal ({@code malloc(0)});</li>
 *   <li>alignments ({@code ALLOC} only): a power of two, {@code 1 <= byteAlignment <= MAX_BYTE_ALIGNMENT} (1 GiB).</li>
 * </ul>
 */
public final class TraceLimits {

    /** The largest id: ids fit a Java {@code int} array index. */
    public static final long MAX_ID = Integer.MAX_VALUE - 1L;
    /** The largest size in bytes (1 TiB). */
    public static final long MAX_BYTE_SIZE = 1L << 40;
    /** The largest alignment in bytes (1 GiB). */
    public static final long MAX_BYTE_ALIGNMENT = 1L << 30;
    /** The largest timestamp in nanoseconds (about 146 years): differences of two timestamps fit a {@code long}. */
    public static final long MAX_TIMESTAMP_NANOS = 1L << 62;
    /** The longest line of a text trace, in bytes; longer lines are rejected before they are buffered. */
    public static final int MAX_LINE_BYTES = 4096;
    /** The longest header string of a binary trace, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 65536;
    /** The most header attributes a trace may carry. */
    public static final int MAX_ATTRIBUTES = 1024;

    private TraceLimits() {
    }

    /**
     * {@return {@code null} if the operation obeys the limits, else what is wrong, e.g.
     * {@code "alignment 24 is not a power of two"}}
     *
     * @param kind          the operation
     * @param id            block id
     * @param byteSize      size in bytes (ignored for {@code FREE})
     * @param byteAlignment alignment in bytes (checked for {@code ALLOC} only)
     * @param idCount       the header's id count, or -1 if unknown
     */
    public static String check(OpKind kind, long id, long byteSize, long byteAlignment, long idCount) {
        if (id < 0) {
            return "id " + id + " is negative";
        }
        if (idCount >= 0 ? id >= idCount : id > MAX_ID) {
            return idCount >= 0 ? "id " + id + " is not below the header's id count " + idCount
                : "id " + id + " is absurd (limit " + MAX_ID + ")";
        }
        if (kind == OpKind.FREE) {
            return null;
        }
        if (byteSize < 0) {
            return "size " + byteSize + " is negative";
        }
        if (byteSize > MAX_BYTE_SIZE) {
            return "size " + byteSize + " is absurd (limit " + MAX_BYTE_SIZE + " bytes)";
        }
        if (kind == OpKind.ALLOC) {
            if (byteAlignment < 1 || Long.bitCount(byteAlignment) != 1) {
                return "alignment " + byteAlignment + " is not a power of two";
            }
            if (byteAlignment > MAX_BYTE_ALIGNMENT) {
                return "alignment " + byteAlignment + " is absurd (limit " + MAX_BYTE_ALIGNMENT + " bytes)";
            }
        }
        return null;
    }

    /**
     * {@return {@code null} if a header count is acceptable, else what is wrong}
     *
     * @param what  {@code "ops"} or {@code "ids"}
     * @param count the count, -1 for unknown
     */
    static String checkCount(String what, long count) {
        if (count < -1) {
            return what + " count " + count + " is negative";
        }
        if (what.equals("ids") && count > MAX_ID + 1) {
            return "ids count " + count + " is absurd (limit " + (MAX_ID + 1) + ")";
        }
        return null;
    }
}
