package io.heaplab.alloc.checked;

/**
 * The generation-tagged block addresses a {@link CheckedAllocator} hands out: the software analogue of ARM MTE /
 * HWASan pointer tags, so that a free through an address kept from before the block was freed and reused is caught.
 *
 * <h2>Bit layout of a tagged address</h2>
 * <pre>
 *  63  62                 48 47                                              0
 * +---+---------------------+------------------------------------------------+
 * | 0 |  generation (15 b)  |  untagged address (48 b): the inner allocator's |
 * +---+---------------------+------------------------------------------------+
 * </pre>
 * <ul>
 *   <li>Bit 63 stays 0, so a tagged address is never negative and never {@code Allocator.FAILED}.</li>
 *   <li>The generation of an address starts at a value derived from the address (1 to {@value #MAX_GENERATION})
 *       and grows by one each time a block is allocated there, wrapping from {@value #MAX_GENERATION} back to 1; 0
 *       never appears in a tagged address, so an untagged address given back is always recognised as stale. Detection of a free after reuse is therefore deterministic until one
 *       address is reused {@value #MAX_GENERATION} times between the two frees.</li>
 *   <li>Untagged addresses are below 2<sup>48</sup>: heap offsets of the research allocators, and user-space
 *       addresses of x86-64 and AArch64 with 48-bit virtual addresses for native allocators.</li>
 *   <li>Zero-size blocks get their dangling address (their alignment), untagged: they are not blocks.</li>
 * </ul>
 * Before reading or writing a block, strip the tag: {@code memory().get(JAVA_BYTE, TaggedAddress.untag(p))}.
 */
public final class TaggedAddress {

    /** Bits of the untagged address. */
    public static final int ADDRESS_BITS = 48;
    /** Bits of the generation. */
    public static final int GENERATION_BITS = 15;
    /** Mask of the untagged address. */
    public static final long ADDRESS_MASK = (1L << ADDRESS_BITS) - 1;
    /** The largest generation; the next one is 1. */
    public static final int MAX_GENERATION = (1 << GENERATION_BITS) - 1;

    private TaggedAddress() {
    }

    /**
     * {@return {@code address} tagged with {@code generation}}
     *
     * @param address    an untagged address, {@code 0 <= address < 2^48}
     * @param generation {@code 1..MAX_GENERATION}
     */
    public static long tag(long address, int generation) {
        return ((long) generation << ADDRESS_BITS) | address;
    }

    /**
     * {@return the untagged address of a tagged (or untagged) address}
     *
     * @param taggedAddress an address returned by a {@link CheckedAllocator}
     */
    public static long untag(long taggedAddress) {
        return taggedAddress & ADDRESS_MASK;
    }

    /**
     * {@return the generation of a tagged address, 0 for an untagged one}
     *
     * @param taggedAddress a non-negative address
     */
    public static int generation(long taggedAddress) {
        return (int) (taggedAddress >>> ADDRESS_BITS) & MAX_GENERATION;
    }

    /**
     * {@return the generation after {@code generation}}: one more, wrapping to 1 after {@value #MAX_GENERATION}.
     *
     * @param generation {@code 0..MAX_GENERATION} (0: no block was ever at the address)
     */
    static int next(int generation) {
        return generation >= MAX_GENERATION ? 1 : generation + 1;
    }

    /**
     * {@return whether {@code address} can carry a tag}
     *
     * @param address an untagged address
     */
    static boolean taggable(long address) {
        return address >= 0 && address <= ADDRESS_MASK;
    }
}
