/**
 * HTML reports: result records rendered as self-contained pages with SVG charts, for people who would rather look
 * than read.
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link io.heaplab.report.html.ReportFiles}: the files of a report directory ({@code index.html},
 *       {@code results.json}, {@code results.csv}, {@code summary.md}, {@code latency/*.hgrm}), computed in memory
 *       and written each through a temporary file and a rename; also two saved runs side by side.</li>
 *   <li>{@link io.heaplab.report.html.HeapMapPage}: a {@link io.heaplab.report.HeapMap} (address × time) as a
 *       page.</li>
 *   <li>{@link io.heaplab.report.html.CapacityLessonPage}: the {@code teach capacity} lesson as pictures.</li>
 * </ul>
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li>Charts are SVG written directly (package-private {@code BarChart}, {@code StackedBarChart},
 *       {@code LineChart}, {@code HeapMapChart} over a tiny {@code Svg} writer): no dependency, byte-for-byte
 *       deterministic output, parseable as XML in tests. A charting library would add a JavaScript runtime or a
 *       large JAR for a handful of bar and line charts.</li>
 *   <li>Offline by construction: everything is inline, and each page carries a {@code Content-Security-Policy} of
 *       {@code default-src 'none'} so that even a future mistake cannot fetch anything. A real browser test checks
 *       that the page's script ran, the console stayed silent, no request left the page, and the screenshot is not
 *       blank.</li>
 *   <li>Accessible: Okabe–Ito colours (safe for the common colour-vision deficiencies), dashes when colours repeat,
 *       axis labels with units, a {@code <title>} and a {@code <desc>} text alternative on every chart; the tables
 *       hold every number the charts show and are the source of truth.</li>
 *   <li>Heap maps aggregate: one pixel per (time slice, address slice) cell, embedded as a PNG, so a 1 M-op trace
 *       renders as fast as a small one.</li>
 * </ul>
 *
 * <h2>Threading and cost</h2>
 * Every renderer is a pure function of immutable records; rendering a 14-allocator × 2-workload report takes
 * milliseconds and about 100 KB of HTML.
 */
package io.heaplab.report.html;
