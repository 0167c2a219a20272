package io.heaplab.alloc.checked;

/**
 * The stable messages of every {@link MisuseKind}, built from values at hand (only on the error path).
 * Addresses are untagged and hexadecimal; layouts read {@code (48 B, align 8)}; ops are op indices.
 */
final class Misuses {

    private Misuses() {
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    static String layout(long byteSize, long byteAlignment) {
        return "(" + byteSize + " B, align " + byteAlignment + ")";
    }

    private static String sites(long allocOp, long freeOp) {
        return "allocated at op " + allocOp + (freeOp >= 0 ? ", freed at op " + freeOp : "");
    }

    static MisuseReport doubleFree(String what, long address, long byteSize, long byteAlignment, long op,
                                   long allocOp, long freeOp) {
        String verb = what.equals("free") ? "double free of " : what + " of freed block ";
        return new MisuseReport(MisuseKind.DOUBLE_FREE, verb + hex(address) + " " + layout(byteSize, byteAlignment)
            + " at op " + op + "; " + sites(allocOp, freeOp), address, byteSize, byteAlignment, op, allocOp, freeOp);
    }

    static MisuseReport stale(String what, long address, int staleGeneration, int generation, boolean live,
                              long blockSize, long blockAlignment, long op, long allocOp, long freeOp) {
        String verb = what.equals("free") ? "double free after reuse of " : what + " after reuse of ";
        return new MisuseReport(MisuseKind.DOUBLE_FREE_AFTER_REUSE, verb + hex(address) + " at op " + op
            + ": the address carries generation " + staleGeneration + ", the block there is generation " + generation
            + " " + layout(blockSize, blockAlignment) + ", " + (live ? "live, " : "") + sites(allocOp, freeOp),
            address, blockSize, blockAlignment, op, allocOp, freeOp);
    }

    static MisuseReport invalid(String what, long address, long byteSize, long byteAlignment, long op) {
        return new MisuseReport(MisuseKind.INVALID_FREE, "invalid " + what + " of " + hex(address) + " "
            + layout(byteSize, byteAlignment) + " at op " + op + ": not an address this allocator returned",
            address, byteSize, byteAlignment, op, -1, -1);
    }

    static MisuseReport misaligned(String what, long address, long byteSize, long byteAlignment, long op) {
        return new MisuseReport(MisuseKind.MISALIGNED_FREE, "misaligned " + what + " of " + hex(address) + " "
            + layout(byteSize, byteAlignment) + " at op " + op + ": not a multiple of the alignment",
            address, byteSize, byteAlignment, op, -1, -1);
    }

    static MisuseReport interior(String what, long address, long byteSize, long byteAlignment, long op,
                                 long blockAddress, long blockSize, long blockAlignment, long allocOp) {
        return new MisuseReport(MisuseKind.INTERIOR_FREE, "interior " + what + " of " + hex(address) + " "
            + layout(byteSize, byteAlignment) + " at op " + op + ": " + (address - blockAddress)
            + " B inside the block " + hex(blockAddress) + " " + layout(blockSize, blockAlignment)
            + " allocated at op " + allocOp, address, byteSize, byteAlignment, op, allocOp, -1);
    }

    static MisuseReport wrongLayout(String what, long address, long byteSize, long byteAlignment, long op,
                                    long blockSize, long blockAlignment, long allocOp) {
        return new MisuseReport(MisuseKind.WRONG_LAYOUT, what + " of " + hex(address) + " with the wrong layout "
            + layout(byteSize, byteAlignment) + " at op " + op + "; the block was allocated with "
            + layout(blockSize, blockAlignment) + " at op " + allocOp, address, byteSize, byteAlignment, op,
            allocOp, -1);
    }

    static MisuseReport overflow(long address, long byteSize, long byteAlignment, long op, String when,
                                 long changedOffset, long allocOp) {
        return new MisuseReport(MisuseKind.OVERFLOW_WRITE, "heap overflow past " + hex(address) + " "
            + layout(byteSize, byteAlignment) + " detected at op " + op + " (" + when + "): redzone byte "
            + (changedOffset - byteSize) + " (" + hex(address + changedOffset) + ") changed; allocated at op "
            + allocOp, address, byteSize, byteAlignment, op, allocOp, -1);
    }

    static MisuseReport writeAfterFree(long address, long byteSize, long byteAlignment, long op, String when,
                                       long changedOffset, long allocOp, long freeOp) {
        return new MisuseReport(MisuseKind.USE_AFTER_FREE_WRITE, "write after free of " + hex(address) + " "
            + layout(byteSize, byteAlignment) + " detected at op " + op + " (" + when + "): byte " + changedOffset
            + " (" + hex(address + changedOffset) + ") changed; " + sites(allocOp, freeOp),
            address, byteSize, byteAlignment, op, allocOp, freeOp);
    }

    static MisuseReport leak(long address, long byteSize, long byteAlignment, long op, long allocOp) {
        return new MisuseReport(MisuseKind.LEAK, "leak of " + hex(address) + " " + layout(byteSize, byteAlignment)
            + " allocated at op " + allocOp, address, byteSize, byteAlignment, op, allocOp, -1);
    }

    static MisuseReport wrongThread(String what, long address, long byteSize, long byteAlignment, long op,
                                    Thread caller, Thread owner) {
        String target = address >= 0 ? " of " + hex(address) : "";
        return new MisuseReport(MisuseKind.WRONG_THREAD, what + target + " " + layout(byteSize, byteAlignment)
            + " at op " + op + " from thread '" + caller.getName() + "', but the allocator belongs to thread '"
            + owner.getName() + "': allocators are single-threaded", address, byteSize, byteAlignment, op, -1, -1);
    }
}
