package io.heaplab.cli;

import io.heaplab.harness.MeasurementSession;
import io.heaplab.report.PairResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;

/**
 * A progress bar on standard error while pairs are measured, shown only when heaplab runs on a terminal and not
 * under CI ({@code CI} unset): piped output and logs stay clean.
 */
final class ProgressListener implements MeasurementSession.Listener, AutoCloseable {

    private final ProgressBar bar;

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

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
