/**
 * The system allocators as heaplab {@link io.heaplab.alloc.Allocator}s, called through FFM downcalls:
 * {@code glibc} ({@code malloc}/{@code free}/{@code realloc}/{@code aligned_alloc}), {@code jemalloc} (the same
 * unprefixed API looked up in {@code libjemalloc.so.2}) and {@code mimalloc} ({@code mi_*}), registered as kind
 * {@code NATIVE}; and {@code noop}, kind {@code BASELINE}, the replay engine's floor.
 *
 * <p>A native allocator's {@code memory()} spans the address space, so its block addresses are absolute and the
 * replay engine reads and writes its blocks like any other. Its footprint is not observable (reported as
 * unavailable, never invented); its internal overhead is measured with {@code malloc_usable_size}. A missing
 * library makes the allocator "unavailable" with the package to install, never a crash. jemalloc needs
 * {@code GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384} in the JVM's environment (the launcher and the forks
 * set it).
 */
package io.heaplab.harness.natives;
