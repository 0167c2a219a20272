package io.heaplab.harness.natives;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeAllocatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"glibc", "jemalloc", "mimalloc"})
    void shouldAllocateAlignedBlocksThatSurviveReallocation(String name) {
        assumeTrue(NativeAllocators.unavailableReason(name).isEmpty(), () -> name + " not installed here");
        try (Allocator a = AllocatorRegistry.load().get(name).create(-1)) {
            for (long align : new long[] {8, 16, 64, 4096}) {
                long p = a.allocate(24, align);
                assertEquals(0, p % align, name + " align " + align);
                assertTrue(a.usableSize(p, 24, align) >= 24);
                a.memory().set(ValueLayout.JAVA_LONG_UNALIGNED, p + 16, 0x1122334455667788L);
                long q = a.reallocate(p, 24, align, 10_000);
                assertEquals(0, q % align, name + " realloc align " + align);
                assertEquals(0x1122334455667788L, a.memory().get(ValueLayout.JAVA_LONG_UNALIGNED, q + 16));
                a.deallocate(q, 10_000, align);
            }
            assertEquals(4, a.stats().allocations());
            assertEquals(4, a.stats().deallocations());
            assertEquals(-1, a.stats().freeBytes());
        }
    }

    @Test
    void shouldRefuseToResetBecauseANativeHeapCannotFreeEverythingAtOnce() {
        try (Allocator a = AllocatorRegistry.load().get("glibc").create(-1)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, a::reset);
            assertEquals("glibc cannot free every block at once; free them one by one", e.getMessage());
        }
    }

    @Test
    void shouldExplainAMissingLibraryWithThePackageToInstall() {
        assertEquals("libmimalloc.so.2 is not installed (Debian/Ubuntu: apt-get install libmimalloc2.0)",
            NativeLibraries.describeLoadFailure("libmimalloc.so.2",
                new IllegalArgumentException("Cannot open library: libmimalloc.so.2")));
    }

    @Test
    void shouldRegisterTheNativesAndTheNoopFloorByKind() {
        AllocatorRegistry registry = AllocatorRegistry.load();
        assertEquals(java.util.List.of("glibc", "jemalloc", "mimalloc"),
            registry.ofKind(AllocatorSpec.Kind.NATIVE).stream().map(AllocatorSpec::name).toList());
        assertEquals(java.util.List.of("noop"),
            registry.ofKind(AllocatorSpec.Kind.BASELINE).stream().map(AllocatorSpec::name).toList());
    }

    @Test
    void shouldThrowUnsupportedOperationWhenCreatingAnUnavailableNative() {
        for (String name : new String[] {"glibc", "jemalloc", "mimalloc"}) {
            String reason = NativeAllocators.unavailableReason(name).orElse(null);
            if (reason != null) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> AllocatorRegistry.load().get(name).create(-1));
                assertEquals(name + " is unavailable: " + reason, e.getMessage());
            }
        }
        assertTrue(NativeAllocators.unavailableReason("glibc").isEmpty(), "glibc is always there on Linux");
    }
}
