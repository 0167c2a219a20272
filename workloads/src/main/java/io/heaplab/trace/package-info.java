/**
 * heaplab's trace format: what a workload asks of an allocator, as a stream of operations on block ids.
 *
 * <h2>Model</h2>
 * A trace is a header ({@link io.heaplab.trace.TraceHeader}: name, source, op count, id count, attributes) and a
 * sequence of operations ({@link io.heaplab.trace.OpKind}): {@code alloc id size align}, {@code free id},
 * {@code realloc id newSize}, each optionally with a thread id and a timestamp. Ids, not addresses, name blocks, so
 * a trace replays on any allocator; ids are dense (below the header's id count) so replay can index arrays by id.
 *
 * <h2>Encodings</h2>
 * <ul>
 *   <li>text, version 1: see {@link io.heaplab.trace.TextTraceReader} (human-readable, diff-able);</li>
 *   <li>binary, version 1: see {@link io.heaplab.trace.BinaryTraceReader} (3-5 bytes per operation);</li>
 *   <li>either, gzip- or zstd-compressed ({@link io.heaplab.trace.Compression}).</li>
 * </ul>
 * {@link io.heaplab.trace.Traces} opens any of them (recognising the encoding from the content) and creates writers.
 *
 * <h2>Checks</h2>
 * Format readers check syntax and the {@link io.heaplab.trace.TraceLimits}; a
 * {@link io.heaplab.trace.ValidatingTraceReader} also checks liveness (strict: fail; lenient: skip and count).
 * Every failure is a one-line {@link io.heaplab.trace.TraceFormatException} naming {@code file:line} or
 * {@code file@offset}, what was found and what was expected.
 *
 * <h2>Cost and threading</h2>
 * Readers and writers stream: memory is independent of the trace length and {@code next}/{@code write} allocate
 * nothing. About 20-30 M validated operations per second from a binary file on one core. Nothing here is
 * thread-safe; use one reader per thread.
 */
package io.heaplab.trace;
