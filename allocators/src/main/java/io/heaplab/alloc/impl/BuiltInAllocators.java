package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocators;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.AllocatorSpec.Kind;
import io.heaplab.alloc.FitPolicy;
import io.heaplab.alloc.FreeListOrder;
import io.heaplab.alloc.SizeClassSpacing;
import io.heaplab.alloc.spi.AllocatorProvider;

import java.util.ArrayList;
import java.util.List;

/** Registers heaplab's own research allocators; each named allocator is a one-line composition. */
public final class BuiltInAllocators implements AllocatorProvider {

    /** Small-object classes of the size-class allocators end here; larger requests go to the buddy pages. */
    private static final long MAX_SMALL_BYTES = 8192;
    /** Requests placed at the top of the heap by {@code freelist-twoended} end here. */
    private static final long TWO_ENDED_MAX_SMALL_BYTES = 256;
    /**
     * Requests placed at the top of the heap by {@code tlsf-twoended} end here: below malloc-lab's binary2-bal large
     * sizes (112 and 128 B), so that its 16 B blocks do not fence them, as 256 would.
     */
    private static final long TLSF_MAX_SMALL_BYTES = 64;

    @Override
    public List<AllocatorSpec> allocators() {
        List<AllocatorSpec> specs = new ArrayList<>();
        specs.add(new AllocatorSpec("bump", "pointer bump; frees only the most recent block (LIFO) or all at reset",
            Kind.RESEARCH, Allocators::bump));
        for (FreeListOrder order : FreeListOrder.values()) {
            for (FitPolicy fit : FitPolicy.values()) {
                String name = Allocators.freeListName(fit, order);
                specs.add(new AllocatorSpec(name, fit.name().toLowerCase(java.util.Locale.ROOT) + " fit, "
                    + (order == FreeListOrder.ADDRESS ? "address-ordered" : "LIFO-ordered")
                    + " free blocks; headerless 16 B granules, splitting, immediate coalescing",
                    Kind.RESEARCH, heap -> Allocators.freeList(heap, fit, order)));
            }
        }
        specs.add(new AllocatorSpec("freelist-twoended", "two LIFO best-fit free lists at opposite ends of the"
            + " heap: requests of at most " + TWO_ENDED_MAX_SMALL_BYTES + " B down from the top, the rest up from the"
            + " bottom", Kind.RESEARCH, heap -> Allocators.freeListTwoEnded("freelist-twoended", heap, FitPolicy.BEST,
                FreeListOrder.LIFO, TWO_ENDED_MAX_SMALL_BYTES)));
        specs.add(new AllocatorSpec("tlsf-twoended", "two-level segregated fit (exact bins to 1 KiB, then 8 per"
            + " doubling; bitmap search) at both ends: requests of at most " + TLSF_MAX_SMALL_BYTES + " B down from"
            + " the top, the rest up from the bottom; headerless 16 B granules; frees up to 4 KiB wait in exact-size"
            + " quick lists, coalesced before the heap grows",
            Kind.RESEARCH, heap -> Allocators.tlsfTwoEnded("tlsf-twoended", heap, TLSF_MAX_SMALL_BYTES)));
        specs.add(new AllocatorSpec("buddy", "binary buddy, 16 B minimum block; split on allocate, merge on free",
            Kind.RESEARCH, heap -> Allocators.buddy(heap, BuddyAllocator.DEFAULT_MIN_BLOCK_BYTES,
                BuddyAllocator.DEFAULT_MAX_ORDER)));
        specs.add(new AllocatorSpec("sizeclass-pow2", "power-of-two size classes (16 B-8 KiB, Kingsley) in 64 KiB slabs"
            + " over buddy pages", Kind.RESEARCH,
            heap -> Allocators.sizeClassOverBuddy("sizeclass-pow2", heap,
                SizeClassSpacing.powersOfTwo(SizeClassSpacing.QUANTUM_BYTES, MAX_SMALL_BYTES))));
        specs.add(new AllocatorSpec("sizeclass-4x", "four size classes per doubling (16 B-8 KiB, jemalloc/mimalloc"
            + " spacing) in 64 KiB slabs over buddy pages", Kind.RESEARCH,
            heap -> Allocators.sizeClassOverBuddy("sizeclass-4x", heap,
                SizeClassSpacing.quarterSteps(SizeClassSpacing.QUANTUM_BYTES, MAX_SMALL_BYTES))));
        specs.add(new AllocatorSpec("sizeclass-4x-compact", "four size classes per doubling up to 1 KiB in 16 KiB slabs (64 empty ones cached), over a LIFO best-fit free list that also serves larger requests", Kind.RESEARCH, heap -> new SizeClassAllocator("sizeclass-4x-compact", SizeClassSpacing.quarterSteps(SizeClassSpacing.QUANTUM_BYTES, 1024), 16 * 1024, 64, new FreeListAllocator("sizeclass-4x-compact-large", heap, FitPolicy.BEST, FreeListOrder.LIFO, FreeListAllocator.DEFAULT_GRANULE_BYTES))));
        return List.copyOf(specs);
    }
}
