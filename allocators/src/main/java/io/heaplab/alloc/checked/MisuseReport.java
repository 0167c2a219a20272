package io.heaplab.alloc.checked;

/**
 * One detected misuse.
 *
 * @param kind          what went wrong
 * @param message       the stable one-line message, e.g.
 *                      {@code double free of 0x1040 (48 B, align 8) at op 17; allocated at op 3, freed at op 9}
 * @param address       the untagged address the misuse concerns (the block's, or the address passed)
 * @param byteSize      the size in bytes given with the misused call, or the block's size for detections on free
 *                      of a block, overflow, write after free and leaks
 * @param byteAlignment the alignment in bytes, likewise
 * @param opIndex       the index of the operation at which the misuse was detected
 * @param allocatedAtOp the op index at which the block concerned was allocated, or -1 if unknown
 * @param freedAtOp     the op index at which the block concerned was freed, or -1 if it was not or is unknown
 * @implSpec Immutable; thread-safe.
 */
public record MisuseReport(MisuseKind kind, String message, long address, long byteSize, long byteAlignment,
                           long opIndex, long allocatedAtOp, long freedAtOp) {

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
