package io.heaplab.alloc;

import io.heaplab.alloc.checked.CheckConfig;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.ErrorMode;
import io.heaplab.alloc.checked.TaggedAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import io.heaplab.alloc.checked.MisuseReport;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The shared model-based contract ({@link AllocatorContract}, {@link ShadowHeap}) run over every research allocator
 * wrapped in the checked layer at each level, in THROW mode: a valid program must never be reported (zero false
 * positives), and the checked allocator must keep every invariant of an allocator.
 */
class CheckedAllocatorContractTest {

    private static final long SEED = Long.getLong("heaplab.seed", 20_260_502L);
    /** Fewer than the unchecked contract: the checks are what is tested here, not the inner allocators again. */
    private static final int EXAMPLES = Integer.getInteger("heaplab.checked.examples", 100);
    private static final int MAX_OPS = 160;

    static Stream<Arguments> allocatorsAndLevels() {
        return ResearchAllocators.names().flatMap(name -> Stream.of(
            Arguments.of(name, CheckLevel.CHEAP), Arguments.of(name, CheckLevel.FULL)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allocatorsAndLevels")
    void shouldReportNothingAndKeepEveryInvariantOnValidRandomSequences(String name, CheckLevel level) {
        check(name, level, false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allocatorsAndLevels")
    void shouldReportNothingAndReturnToPristineStateOnLifoSequences(String name, CheckLevel level) {
        check(name, level, true);
    }

    private static void check(String name, CheckLevel level, boolean lifo) {
        AllocatorSpec inner = ResearchAllocators.spec(name);
        // A name of its own: the contract caches facts (the largest fresh block) by allocator name.
        AllocatorSpec checked = new AllocatorSpec(name + "-checked-" + level.name().toLowerCase(java.util.Locale.ROOT),
            "checked " + name, AllocatorSpec.Kind.RESEARCH,
            heapBytes -> new Untagged(CheckedAllocator.of(inner.create(heapBytes),
                CheckConfig.of(level, ErrorMode.THROW))));
        // The quarantine lets blocks go oldest first, which defeats bump's newest-first rollback: a checked bump
        // allocator at level FULL reclaims memory only at reset.
        AllocatorContract.Reuse reuse = name.equals("bump") && level == CheckLevel.FULL
            ? AllocatorContract.Reuse.RESET_ONLY : AllocatorContract.Reuse.of(name, lifo);
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
            .forAll(OpGenerators.sequences(MAX_OPS, lifo))
            .checkAssert(sequence -> {
                runs.incrementAndGet();
                AllocatorContract.check(checked, sequence, reuse);
            });
        assertTrue(runs.get() > EXAMPLES / 2, "ran " + runs.get() + " sequences");
    }

    /**
     * Presents a checked allocator with untagged addresses, so that the shadow model can check them against the
     * heap; gives each call the tagged address it stands for.
     */
    private static final class Untagged implements Allocator {
        private final CheckedAllocator checked;
        private final Map<Long, Long> tagged = new HashMap<>();

        Untagged(CheckedAllocator checked) {
            this.checked = checked;
        }

        private long untag(long address, long byteSize) {
            if (address == FAILED || byteSize == 0) {
                return address;
            }
            long plain = TaggedAddress.untag(address);
            tagged.put(plain, address);
            return plain;
        }

        /** Zero-size blocks have their untagged dangling address, which a real block may share. */
        private long tag(long address, long byteSize) {
            return byteSize == 0 ? address : tagged.getOrDefault(address, address);
        }

        private long forget(long address, long byteSize) {
            if (byteSize == 0) {
                return address;
            }
            Long tag = tagged.remove(address);
            return tag == null ? address : tag;
        }

        @Override
        public String name() {
            return checked.name();
        }

        @Override
        public MemorySegment memory() {
            return checked.memory();
        }

        @Override
        public long heapBytes() {
            return checked.heapBytes();
        }

        @Override
        public long allocate(long byteSize, long byteAlignment) {
            return untag(checked.allocate(byteSize, byteAlignment), byteSize);
        }

        @Override
        public void deallocate(long address, long byteSize, long byteAlignment) {
            checked.deallocate(forget(address, byteSize), byteSize, byteAlignment);
        }

        @Override
        public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
            long result = checked.reallocate(tag(address, oldByteSize), oldByteSize, byteAlignment, newByteSize);
            if (result != FAILED) {
                forget(address, oldByteSize);
            }
            return untag(result, newByteSize);
        }

        @Override
        public long usableSize(long address, long byteSize, long byteAlignment) {
            return checked.usableSize(tag(address, byteSize), byteSize, byteAlignment);
        }

        @Override
        public AllocatorStats stats() {
            return checked.stats();
        }

        @Override
        public void trim() {
            checked.trim();
        }

        @Override
        public void reset() {
            tagged.clear();
            checked.reset();
        }

        /**
         * The contract ends with blocks still live (its last replay is not freed): the leak check must name exactly
         * those; they are then freed, so that closing reports nothing.
         */
        @Override
        public void close() {
            List<MisuseReport> leaks = checked.leaks();
            Set<Long> leaked = new TreeSet<>();
            leaks.forEach(leak -> leaked.add(leak.address()));
            assertEquals(new TreeSet<>(tagged.keySet()), leaked, "the leaks at close must be the live blocks");
            for (MisuseReport leak : leaks) {
                checked.deallocate(tagged.remove(leak.address()), leak.byteSize(), leak.byteAlignment());
            }
            checked.close();
        }
    }
}
