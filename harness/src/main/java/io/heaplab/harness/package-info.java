/**
 * The replay engine: replays a workload (a trace of alloc/free/realloc by block id) on any allocator and measures
 * memory efficiency and speed, with the same definitions for every allocator.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.heaplab.harness.LoadedTrace}: a trace resolved into chunks of primitive arrays, ids renumbered
 *       into dense slots; in memory up to 32 MiB of operations, else spilled to a temporary file and streamed
 *       (read ahead on a daemon thread), so replay memory depends on the blocks live at once, not on the trace's
 *       length; trace errors (free of a dead id, ...) are counted and skipped, never fatal.</li>
 *   <li>{@link io.heaplab.harness.ReplayLoop}: the timed loop, {@code slot -> address} in a {@code long[]}, no
 *       allocation per operation; failed allocations are recorded and their blocks treated as never allocated.</li>
 *   <li>{@link io.heaplab.harness.MeasuringReplay}: the untimed replay that verifies block contents and computes
 *       utilization, fragmentation (Johnstone &amp; Wilson #4), internal and external fragmentation, reallocations
 *       in place vs moved, and a timeline.</li>
 *   <li>{@link io.heaplab.harness.PairRunner}: warm-ups, measured runs and sampled latency in one JVM;
 *       {@link io.heaplab.harness.ForkedRunner} and {@link io.heaplab.harness.ForkMain} run it in a fresh JVM per
 *       (allocator, workload) pair, as JMH does.</li>
 *   <li>{@link io.heaplab.harness.MeasurementSession}: allocators × workloads → a
 *       {@link io.heaplab.report.ResultsDocument}, with {@link io.heaplab.harness.Statistics} (mean and 95 % CI,
 *       ratio to a baseline with Fieller's interval, Welch or Mann-Whitney p-value).</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * The engine's own floor (the {@code noop} allocator) is about 2 × 10<sup>9</sup> operations per second on the
 * project's 2-core machine; measuring replays cost O(block size) per operation for blocks up to 1 KiB and
 * O(size / 256) above. A default {@code heaplab compare} (13 allocators × 7 workloads, one fork per pair) takes
 * about 40 s there.
 *
 * <h2>Threading</h2> Everything here is single-threaded (but for a streamed trace's read-ahead thread); a session
 * measures one pair at a time so that forks never compete for cores.
 *
 * <h2>Interruption</h2> {@link io.heaplab.harness.ExitCleanup}'s shutdown hook stops forks and deletes every
 * temporary file ({@code heaplab-trace-*}, {@code heaplab-fork-*}) on a normal exit, SIGINT or SIGTERM, and prints
 * the pairs finished so far; only SIGKILL leaves files behind (a fork then still exits with its parent).
 */
package io.heaplab.harness;
