package io.heaplab.cli;

import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.harness.RunPlan;
import io.heaplab.harness.Statistics;
import picocli.CommandLine.Option;

/** The measuring options {@code replay} and {@code compare} share (a picocli mixin). */
public final class MeasureOptions {

    @Option(names = "--heap", paramLabel = "SIZE", converter = ByteSizeConverter.class, defaultValue = "256m",
        description = "Heap capacity of each research allocator, e.g. 64m, 1g (default: ${DEFAULT-VALUE}).")
    long heapBytes;

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs per fork.")
    Integer runs;

    @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured warm-up runs per fork.")
    Integer warmups;

    @Option(names = "--forks", paramLabel = "N",
        description = "Fresh JVMs per (allocator, workload) pair (default: ${DEFAULT-VALUE}); 0 measures in this JVM.",
        defaultValue = "1")
    int forks;

    @Option(names = "--run-ms", paramLabel = "MS",
        description = "A run replays the trace repeatedly until this many milliseconds passed.")
    Long minRunMillis;

    @Option(names = "--latency-every", paramLabel = "N", defaultValue = "16",
        description = "Time one operation in N (a power of two; 0 = no latency) (default: ${DEFAULT-VALUE}).")
    int latencySampleEvery;

    @Option(names = "--no-verify", negatable = false,
        description = "Skip writing and checking block contents in the untimed replay.")
    boolean noVerify;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "welch",
        description = "Significance test against the baseline: welch or mann-whitney (default: ${DEFAULT-VALUE}).")
    String test;

    @Option(names = "--timeline-points", paramLabel = "N",
        description = "Samples of the heap's state over the replay, for the JSON timeline.")
    Integer timelinePoints;

    @Option(names = "--check", paramLabel = "LEVEL", defaultValue = "off",
        description = "Wrap each research allocator in a checked allocator that records misuses (double free, invalid "
            + "free, ...) and goes on: off, cheap (O(1) checks) or full (adds poison, quarantine, redzones); "
            + "detections are reported per pair. Native allocators cannot be checked and are reported unavailable "
            + "(default: ${DEFAULT-VALUE}).")
    String check;

    @Option(names = "--fork-timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "Stop a fork that runs longer than this (default: ${DEFAULT-VALUE}).")
    long forkTimeoutSeconds;

    /**
     * {@return the plan these options describe}
     *
     * @param defaultRuns    runs when {@code --runs} is absent
     * @param defaultWarmups warm-ups when {@code --warmup} is absent
     * @param defaultRunMs   run length when {@code --run-ms} is absent
     * @param defaultPoints  timeline samples when {@code --timeline-points} is absent
     * @throws UserInputException if a value is out of range
     */
    RunPlan plan(int defaultRuns, int defaultWarmups, long defaultRunMs, int defaultPoints) {
        try {
            return new RunPlan(heapBytes, warmups == null ? defaultWarmups : warmups, runs == null ? defaultRuns : runs,
                minRunMillis == null ? defaultRunMs : minRunMillis, latencySampleEvery, true, !noVerify,
                timelinePoints == null ? defaultPoints : timelinePoints, checkLevel());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * {@return the check level of {@code --check}}
     *
     * @throws UserInputException if it names none
     */
    CheckLevel checkLevel() {
        try {
            return CheckLevel.parse(check.strip());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--check: " + e.getMessage(), e);
        }
    }

    /**
     * {@return the significance test}
     *
     * @throws UserInputException if {@code --test} names none
     */
    Statistics.Test test() {
        return switch (test) {
            case "welch", "welch-t" -> Statistics.Test.WELCH;
            case "mann-whitney", "mann-whitney-u" -> Statistics.Test.MANN_WHITNEY;
            default -> throw new UserInputException("unknown test '" + test + "'; known: welch, mann-whitney");
        };
    }

    /**
     * {@return the number of forks}
     *
     * @throws UserInputException if negative
     */
    int forks() {
        if (forks < 0) {
            throw new UserInputException("--forks must not be negative: " + forks);
        }
        return forks;
    }
}
