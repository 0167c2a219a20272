package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.Detections;
import io.heaplab.report.EnvironmentInfo;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.RunSettings;
import io.heaplab.report.SuiteSummary;
import io.heaplab.report.WorkloadVerdict;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Measures every (allocator, workload) pair and assembles a {@link ResultsDocument}: the engine behind
 * {@code heaplab replay} and {@code heaplab compare}.
 *
 * <h2>Procedure</h2>
 * <ol>
 *   <li>Each workload (already loaded) is written once to a temporary file that the forks read.</li>
 *   <li>For each workload, for each allocator: the untimed {@link MeasuringReplay} runs in this JVM (memory measures
 *       are deterministic; an allocator that cannot be created here is reported {@code UNAVAILABLE}, one whose
 *       creation throws, even {@link OutOfMemoryError}, or that corrupts a block {@code FAILED} and is not timed,
 *       and the session goes on; under {@code --check} it is a {@link CheckedAllocators checked} allocator, and
 *       what it detected is attached to the result). Then the timed runs happen in the allocator's {@code forks} own JVMs
 *       ({@link AllocatorWorkers}: started once, reused for every workload, used one at a time so they never
 *       compete for cores). With {@code forks = 0} the timed runs happen in this JVM too (fast, but allocators
 *       then share JIT profiles).</li>
 *   <li>When a workload is done, its results are compared with the baseline allocator, its {@link WorkloadVerdict}
 *       is made, and the listener hears of it (so a table can be printed at once).</li>
 *   <li>At the end, the {@link SuiteSummary} across workloads.</li>
 * </ol>
 *
 * @implSpec Not thread-safe; one session measures one set of pairs.
 */
public final class MeasurementSession {

    /**
     * How to measure.
     *
     * @param forks          forked JVMs per pair; 0 = in this JVM
     * @param plan           what each JVM runs
     * @param baseline       the allocator to compare with, or empty for none
     * @param test           the significance test for the comparison
     * @param jvmOptions     extra options for forked JVMs
     * @param forkTimeoutSeconds how long one fork may run
     * @param command        the command line, recorded in the results
     */
    public record Settings(int forks, RunPlan plan, String baseline, Statistics.Test test, List<String> jvmOptions,
                           long forkTimeoutSeconds, String command) {
        /**
         * @throws IllegalArgumentException if {@code forks} is negative
         */
        public Settings {
            if (forks < 0) {
                throw new IllegalArgumentException("forks must not be negative: " + forks);
            }
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(test, "test");
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(command, "command");
        }

        /** {@return these settings as recorded in results} */
        public RunSettings runSettings() {
            return new RunSettings(forks, plan.runs(), plan.warmups(), plan.minRunMillis(), plan.heapBytes(),
                plan.verify(), baseline, command);
        }
    }

    /** Hears about progress, e.g. to drive a progress bar. */
    public interface Listener {
        /**
         * A pair is about to be measured.
         *
         * @param allocator the allocator's name
         * @param workload  the workload's name
         */
        void pairStarted(String allocator, String workload);

        /**
         * A pair has been measured (or found unavailable, or failed).
         *
         * @param result its result, before baseline comparison
         */
        void pairFinished(PairResult result);

        /**
         * Every pair of a workload has been measured and compared with the baseline: its table can be printed.
         *
         * @param workload the workload's name
         * @param results  its pairs, in the order measured, baseline comparisons attached
         * @param verdict  who did best on it
         */
        default void workloadFinished(String workload, List<PairResult> results, WorkloadVerdict verdict) {
        }
    }

    /** A listener that ignores everything. */
    public static final Listener SILENT = new Listener() {
        @Override
        public void pairStarted(String allocator, String workload) {
        }

        @Override
        public void pairFinished(PairResult result) {
        }
    };

    private final Settings settings;
    private final Listener listener;
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();

    /**
     * @param settings how to measure
     * @param listener who hears about progress
     */
    public MeasurementSession(Settings settings, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Measures every allocator on every workload.
     *
     * @param allocators  the allocators, in the order results should list them
     * @param workloads   the loaded workloads
     * @param environment where this runs
     * @return the results
     * @throws IOException if a temporary file cannot be written or a fork cannot be started
     */
    public ResultsDocument run(List<AllocatorSpec> allocators, List<LoadedTrace> workloads,
                               EnvironmentInfo environment) throws IOException {
        RunPlan plan = settings.plan();
        List<PairResult> results = new ArrayList<>();
        List<WorkloadVerdict> verdicts = new ArrayList<>();
        ExitCleanup.sessionStarted(allocators.size() * workloads.size());
        try (AllocatorWorkers workers = new AllocatorWorkers(settings.jvmOptions(), settings.forkTimeoutSeconds())) {
            for (LoadedTrace trace : workloads) {
                Path traceFile = settings.forks() > 0 ? ExitCleanup.createTempFile("heaplab-trace-", ".bin") : null;
                List<PairResult> workload = new ArrayList<>();
                try {
                    if (traceFile != null) {
                        trace.writeTo(traceFile);
                    }
                    for (AllocatorSpec spec : allocators) {
                        listener.pairStarted(spec.name(), trace.name());
                        PairResult result = measure(spec, trace, traceFile, workers);
                        listener.pairFinished(result);
                        workload.add(result);
                        ExitCleanup.pairFinished(ExitCleanup.describe(result));
                    }
                } finally {
                    if (traceFile != null) {
                        ExitCleanup.delete(traceFile);
                    }
                }
                if (!settings.baseline().isEmpty()) {
                    workload = PairResults.withBaseline(workload, settings.baseline(), settings.test());
                }
                WorkloadVerdict verdict = Verdicts.of(trace.name(), workload, settings.test());
                verdicts.add(verdict);
                results.addAll(workload);
                listener.workloadFinished(trace.name(), List.copyOf(workload), verdict);
            }
        }
        ExitCleanup.sessionEnded();
        RunSettings run = settings.runSettings();
        SuiteSummary summary = Verdicts.summary(results, settings.baseline(),
            workloads.stream().map(LoadedTrace::name).distinct().toList());
        return new ResultsDocument(environment, run, results, verdicts, summary);
    }

    private PairResult measure(AllocatorSpec spec, LoadedTrace trace, Path traceFile, AllocatorWorkers workers)
        throws IOException {
        String kind = spec.kind().name().toLowerCase(Locale.ROOT);
        RunPlan plan = settings.plan();
        boolean verify = plan.verify() && spec.kind() != AllocatorSpec.Kind.BASELINE; // noop blocks have no memory
        // 1. Memory measures in this JVM: deterministic, and this JVM's JIT is warm after the first pair.
        ReplayOutcome replay = null;
        Detections detections = null;
        try (Allocator allocator = CheckedAllocators.create(spec, plan.heapBytes(), plan.check())) {
            if (plan.measureMemory()) {
                replay = new MeasuringReplay(allocator, trace, verify, plan.timelinePoints()).run();
            }
            detections = CheckedAllocators.detections(allocator); // before close, which would add leaks
        } catch (UnsupportedOperationException e) {
            return PairResult.notMeasured(spec.name(), kind, trace.name(), PairResult.Status.UNAVAILABLE,
                e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // e.g. metadata for a huge heap that does not fit: this pair fails, the session goes on
            return PairResult.notMeasured(spec.name(), kind, trace.name(), PairResult.Status.FAILED,
                failure(spec, plan, e));
        }
        if (replay != null && !replay.clean()) {
            return PairResults.of(spec, trace.name(), replay, List.of(), settings.forks(), plan) // not timed
                .withDetections(detections);
        }
        // 2. Timing, in the allocator's own JVMs (or here with forks = 0).
        RunPlan timing = plan.timingOnly();
        List<ForkOutcome> outcomes = new ArrayList<>();
        if (settings.forks() == 0) {
            try {
                outcomes.add(PairRunner.run(spec, trace, timing));
            } catch (RuntimeException | OutOfMemoryError e) {
                return PairResult.notMeasured(spec.name(), kind, trace.name(), PairResult.Status.FAILED,
                    failure(spec, plan, e));
            }
        }
        for (int f = 0; f < settings.forks(); f++) {
            ForkedRunner.Result r = workers.run(spec.name(), f, traceFile, timing);
            switch (r) {
                case ForkedRunner.Result.Measured m -> outcomes.add(m.outcome());
                case ForkedRunner.Result.Unavailable u -> {
                    return PairResult.notMeasured(spec.name(), kind, trace.name(), PairResult.Status.UNAVAILABLE,
                        u.reason());
                }
                case ForkedRunner.Result.Failed failed -> {
                    return PairResult.notMeasured(spec.name(), kind, trace.name(), PairResult.Status.FAILED,
                        failed.reason());
                }
            }
        }
        keepLatency(spec, trace, outcomes);
        return PairResults.of(spec, trace.name(), replay, outcomes, settings.forks(), plan).withDetections(detections);
    }

    /** {@return one line saying why a pair could not run} */
    private static String failure(AllocatorSpec spec, RunPlan plan, Throwable e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return e instanceof OutOfMemoryError && spec.kind() == AllocatorSpec.Kind.RESEARCH
            ? "cannot run over a heap of " + plan.heapBytes() + " bytes: " + what : what;
    }

    private void keepLatency(AllocatorSpec spec, LoadedTrace trace, List<ForkOutcome> outcomes) {
        Histogram merged = null;
        for (ForkOutcome o : outcomes) {
            if (o.latency() != null) {
                if (merged == null) {
                    merged = o.latency().copy();
                } else {
                    merged.add(o.latency());
                }
            }
        }
        if (merged != null) {
            latencies.put(spec.name() + "/" + trace.name(), merged);
        }
    }

    /**
     * {@return the merged latency histograms (nanoseconds) of the pairs measured so far, keyed
     * {@code allocator/workload}}
     */
    public Map<String, Histogram> latencyHistograms() {
        return Map.copyOf(latencies);
    }

    /**
     * {@return a description of this JVM and machine}
     *
     * @param heaplabVersion heaplab's version
     */
    public static EnvironmentInfo environment(String heaplabVersion) {
        return new EnvironmentInfo(heaplabVersion, Runtime.version().toString(),
            System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
            System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
            Runtime.getRuntime().availableProcessors(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
