package io.heaplab.cli;

import io.heaplab.harness.MeasurementSession;
import io.heaplab.report.PairResult;
import io.heaplab.report.WorkloadVerdict;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;
import java.util.List;

/**
 * A progress bar on standard error while pairs are measured, shown only when heaplab runs on a terminal and not
 * under CI ({@code CI} unset): piped output and logs stay clean.
 */
final class ProgressListener implements MeasurementSession.Listener, AutoCloseable {

    /** What to do when a workload's pairs are all measured. */
    @FunctionalInterface
    interface WorkloadAction {
        /**
         * @param workload the workload's name
         * @param results  its pairs, compared with the baseline
         * @param verdict  who did best
         */
        void finished(String workload, List<PairResult> results, WorkloadVerdict verdict);
    }

    private final ProgressBar bar;
    private WorkloadAction workloadAction;

    private ProgressListener(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * {@return a listener drawing a bar of {@code pairs} steps, or a silent one when not on a terminal}
     *
     * @param pairs how many pairs will be measured
     */
    static ProgressListener forPairs(int pairs) {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal() && System.getenv("CI") == null;
        if (!terminal) {
            return new ProgressListener(null);
        }
        return new ProgressListener(new ProgressBarBuilder()
            .setTaskName("Measuring")
            .setInitialMax(pairs)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(250)
            .build());
    }

    @Override
    public void pairStarted(String allocator, String workload) {
        if (bar != null) {
            bar.setExtraMessage(allocator + " on " + workload);
        }
    }

    @Override
    public void pairFinished(PairResult result) {
        if (bar != null) {
            bar.step();
        }
    }

    /**
     * Does {@code action} whenever a workload is finished (e.g. print its table), clearing the bar's line first.
     *
     * @param action what to do
     */
    void onWorkloadFinished(WorkloadAction action) {
        this.workloadAction = action;
    }

    @Override
    public void workloadFinished(String workload, List<PairResult> results, WorkloadVerdict verdict) {
        if (workloadAction != null) {
            if (bar != null) {
                System.err.print("\r\033[K"); // the bar redraws itself on its next tick
                System.err.flush();
            }
            workloadAction.finished(workload, results, verdict);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
