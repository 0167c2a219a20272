package io.heaplab.harness.detect;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckConfig;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.ErrorMode;
import io.heaplab.alloc.checked.MisuseReport;
import io.heaplab.workloads.inject.FaultKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Computes the detection matrix: every (allocator, level) replays every injected trace in RECORD mode, and its
 * reports are matched to the labels ({@link Detections}); every clean trace is replayed at every level (its
 * reports are false positives, and its best time of {@code timingRuns} gives the throughput cost relative to level
 * OFF); and, optionally, every unchecked allocator is probed with every misuse ({@link ProbeRunner}).
 *
 * @param allocators  the allocators (research ones: a misuse on a native allocator would crash the JVM)
 * @param workloads   pairs of clean and injected traces
 * @param levels      the checked levels to measure (CHEAP, FULL)
 * @param faults      the fault kinds injected
 * @param heapBytes   heap of every replay
 * @param timingRuns  timed replays per (allocator, level, clean trace); the best counts
 * @param probe       whether to probe the unchecked allocators
 * @param probeTimeoutMs watchdog per probe
 */
public record DetectionRun(List<AllocatorSpec> allocators, List<Workload> workloads, List<CheckLevel> levels,
                           List<FaultKind> faults, long heapBytes, int timingRuns, boolean probe,
                           long probeTimeoutMs) {

    /**
     * One workload: its clean trace and the trace with faults injected.
     *
     * @param name     the workload name
     * @param clean    the clean trace (no labels), or null for a trace injected beforehand (then no clean replay
     *                 and no timing)
     * @param injected the injected trace with its labels
     */
    public record Workload(String name, InjectedTrace clean, InjectedTrace injected) {
    }

    /**
     * The results.
     *
     * @param detections      per allocator, per level
     * @param cleanReports    per allocator, per level: reports on the clean traces (false positives), with the first
     *                        report's message or null
     * @param opsPerSecond    per allocator, per level (OFF included): clean-trace replay rate
     * @param failures        per allocator: the replays that failed (an exception of a corrupted allocator, a hang)
     * @param probes          per {@code allocator:fault}: what the unchecked allocator did (empty without probes)
     */
    public record Results(Map<String, Map<CheckLevel, Detections>> detections,
                          Map<String, Map<CheckLevel, Long>> cleanReports,
                          Map<String, String> firstCleanReport,
                          Map<String, Map<CheckLevel, Double>> opsPerSecond,
                          Map<String, String> failures,
                          Map<String, MisuseProbe.Outcome> probes) {
    }

    /**
     * Runs everything.
     *
     * @param progress receives one line per finished allocator
     * @return the results
     * @throws IOException if a probing JVM cannot be started
     */
    public Results run(Consumer<String> progress) throws IOException {
        Map<String, Map<CheckLevel, Detections>> detections = new LinkedHashMap<>();
        Map<String, Map<CheckLevel, Long>> cleanReports = new LinkedHashMap<>();
        Map<String, String> firstClean = new LinkedHashMap<>();
        Map<String, Map<CheckLevel, Double>> rates = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (AllocatorSpec spec : allocators) {
            Map<CheckLevel, Detections> byLevel = new EnumMap<>(CheckLevel.class);
            Map<CheckLevel, Long> clean = new EnumMap<>(CheckLevel.class);
            Map<CheckLevel, Double> rate = new EnumMap<>(CheckLevel.class);
            for (CheckLevel level : levels) {
                Detections d = new Detections();
                long cleanCount = 0;
                for (Workload w : workloads) {
                    Replayed injected = guarded(spec, level, w.injected(), failures);
                    if (injected != null) {
                        d.add(w.injected().labels(), injected.targets(), injected.reports());
                    }
                    Replayed cleanRun = w.clean() == null ? null : guarded(spec, level, w.clean(), failures);
                    if (cleanRun != null) {
                        cleanCount += cleanRun.reports().size();
                        if (!cleanRun.reports().isEmpty() && !firstClean.containsKey(spec.name())) {
                            firstClean.put(spec.name(), w.name() + " at " + level + ": "
                                + cleanRun.reports().getFirst());
                        }
                    }
                }
                byLevel.put(level, d);
                clean.put(level, cleanCount);
            }
            List<CheckLevel> timed = new ArrayList<>();
            timed.add(CheckLevel.OFF);
            timed.addAll(levels);
            // One untimed warm-up per level, then the levels interleaved run by run, so that JIT warm-up and
            // machine noise fall on every level alike; the best run of each (level, workload) counts.
            Map<CheckLevel, long[]> best = new EnumMap<>(CheckLevel.class);
            try {
                for (int r = -1; r < timingRuns; r++) {
                    for (CheckLevel level : timed) {
                        long[] bestNanos = best.computeIfAbsent(level, l -> filled(workloads.size()));
                        for (int k = 0; k < workloads.size(); k++) {
                            if (workloads.get(k).clean() == null) {
                                bestNanos[k] = 0;
                                continue;
                            }
                            long nanos = timedReplay(spec, level, workloads.get(k).clean());
                            if (r >= 0) {
                                bestNanos[k] = Math.min(bestNanos[k], nanos);
                            }
                        }
                    }
                }
                long ops = workloads.stream().filter(w -> w.clean() != null).mapToLong(w -> w.clean().size()).sum();
                if (ops > 0) {
                    best.forEach((level, nanos) -> rate.put(level, ops / (java.util.Arrays.stream(nanos).sum() / 1e9)));
                }
            } catch (RuntimeException e) {
                failures.merge(spec.name(), "timing: " + describe(e), (x, y) -> x + "; " + y);
            }
            detections.put(spec.name(), byLevel);
            cleanReports.put(spec.name(), clean);
            rates.put(spec.name(), rate);
            progress.accept(spec.name());
        }
        Map<String, MisuseProbe.Outcome> probes = probe
            ? ProbeRunner.run(allocators.stream().map(AllocatorSpec::name).toList(), faults, probeTimeoutMs)
            : Map.of();
        return new Results(detections, cleanReports, firstClean, rates, failures, probes);
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }

    private record Replayed(List<MisuseReport> reports, long[] targets) {
    }

    /** A checked replay may meet an allocator corrupted by an undetected write (level CHEAP): bound it in time. */
    private static final long REPLAY_TIMEOUT_SECONDS = 120;

    private static final ExecutorService WATCHED = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "detect-replay");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@return a checked replay run on a watched daemon thread, or null if it threw or did not finish in time}: a
     * corrupted allocator that loops forever is abandoned (and reported as a hang), never waited for.
     */
    private Replayed guarded(AllocatorSpec spec, CheckLevel level, InjectedTrace trace, Map<String, String> failures) {
        Future<Replayed> result = WATCHED.submit(() -> checkedReplay(spec, level, trace));
        String problem;
        try {
            return result.get(REPLAY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            problem = "hang (no return within " + REPLAY_TIMEOUT_SECONDS + " s)";
        } catch (ExecutionException e) {
            problem = describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        failures.merge(spec.name(), level.name().toLowerCase(java.util.Locale.ROOT) + " on " + trace.name() + ": "
            + problem, (x, y) -> x + "; " + y);
        return null;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private Replayed checkedReplay(AllocatorSpec spec, CheckLevel level, InjectedTrace trace) {
        CheckedAllocator checked = CheckedAllocator.of(spec.create(heapBytes),
            new CheckConfig(level, ErrorMode.RECORD, CheckConfig.DEFAULT_QUARANTINE_BYTES,
                CheckConfig.DEFAULT_REDZONE_BYTES, Integer.MAX_VALUE - 8));
        long[] targets;
        try {
            targets = DetectReplay.replay(trace, checked, level == CheckLevel.FULL).targets();
        } finally {
            checked.close();
        }
        return new Replayed(checked.reports(), targets);
    }

    private long timedReplay(AllocatorSpec spec, CheckLevel level, InjectedTrace trace) {
        try (Allocator allocator = CheckedAllocator.wrap(spec.create(heapBytes),
            CheckConfig.of(level, ErrorMode.RECORD))) {
            return DetectReplay.replay(trace, allocator).elapsedNanos();
        }
    }
}
