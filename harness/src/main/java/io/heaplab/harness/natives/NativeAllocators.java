package io.heaplab.harness.natives;

import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.AllocatorSpec.Kind;
import io.heaplab.alloc.spi.AllocatorProvider;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Registers the native baselines {@code glibc}, {@code jemalloc}, {@code mimalloc} (kind {@code NATIVE}) and the
 * {@code noop} floor (kind {@code BASELINE}).
 *
 * <p>A native allocator whose library is missing stays registered, so that results can say "unavailable" and why:
 * its description ends with the reason, and {@code create} throws {@link UnsupportedOperationException} with it.
 * Library loading is deferred until a native allocator is first described or created.
 */
public final class NativeAllocators implements AllocatorProvider {

    @Override
    public List<AllocatorSpec> allocators() {
        return List.of(
            nativeSpec("glibc", "glibc malloc/free/realloc via FFM (the system allocator)",
                () -> GlibcCalls.UNAVAILABLE_REASON, () -> GlibcCalls.INSTANCE),
            nativeSpec("jemalloc", "jemalloc 5 via FFM (libjemalloc.so.2)",
                () -> JemallocCalls.UNAVAILABLE_REASON, () -> JemallocCalls.INSTANCE),
            nativeSpec("mimalloc", "mimalloc 2 via FFM (libmimalloc.so.2, mi_* API)",
                () -> MimallocCalls.UNAVAILABLE_REASON, () -> MimallocCalls.INSTANCE),
            new AllocatorSpec("noop", "does nothing: the replay engine's own cost (never verify on it)",
                Kind.BASELINE, heapBytes -> new NoOpAllocator()));
    }

    /**
     * {@return why the named native allocator cannot run here, or empty if it can}
     *
     * @param name {@code glibc}, {@code jemalloc} or {@code mimalloc}
     * @throws IllegalArgumentException for any other name
     */
    public static Optional<String> unavailableReason(String name) {
        return Optional.ofNullable(switch (name) {
            case "glibc" -> GlibcCalls.UNAVAILABLE_REASON;
            case "jemalloc" -> JemallocCalls.UNAVAILABLE_REASON;
            case "mimalloc" -> MimallocCalls.UNAVAILABLE_REASON;
            default -> throw new IllegalArgumentException("not a native allocator: '" + name + "'");
        });
    }

    private static AllocatorSpec nativeSpec(String name, String description, Supplier<String> reason,
                                            Supplier<NativeCalls> calls) {
        return new AllocatorSpec(name, description, Kind.NATIVE, heapBytes -> {
            String why = reason.get();
            if (why != null) {
                throw new UnsupportedOperationException(name + " is unavailable: " + why);
            }
            return new NativeAllocator(name, calls.get());
        });
    }
}
