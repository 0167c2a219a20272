package io.heaplab.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * For {@link ExitCleanupTest}: plays a measurement session that is interrupted while a fork measures. It registers
 * one finished pair, writes the trace file forks read, prints {@code forking}, then starts a fork whose timed runs
 * last about ten minutes, so the test can stop this JVM in the middle; then it would go on to a next pair.
 */
final class InterruptedForkMain {

    private InterruptedForkMain() {
    }

    public static void main(String[] args) throws Exception {
        ExitCleanup.sessionStarted(2);
        ExitCleanup.pairFinished("bump on t: ok, 1 ops/s");
        LoadedTrace trace = new ListTrace("t").alloc(0, 64, 8).alloc(1, 32, 8).free(0).free(1).load();
        Path traceFile = ExitCleanup.createTempFile("heaplab-trace-", ".bin");
        trace.writeTo(traceFile);
        System.out.println("forking");
        System.out.flush();
        RunPlan plan = new RunPlan(1 << 20, 0, 1, 600_000, 0, false, false, 1);
        ForkedRunner.Result result = new ForkedRunner(List.of(), 900).run("bump", traceFile, plan);
        // Stopped by the exit hook, the fork "fails"; a session would report that and go on to the next pair,
        // whose files would outlive the JVM. Neither may happen: the thread must wait for the halt.
        System.err.println("reported: " + result);
        ExitCleanup.createTempFile("heaplab-trace-", ".bin");
        System.err.println("went on to the next pair");
    }
}
