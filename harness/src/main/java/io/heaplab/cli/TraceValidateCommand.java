package io.heaplab.cli;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.Traces;
import io.heaplab.trace.Validation;
import io.heaplab.trace.ValidatingTraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code heaplab trace validate FILE}: streams a trace through the format and liveness checks and reports how fast
 * it streamed and the JVM's peak heap, which is how heaplab's bounded-memory streaming is measured.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Stream a trace through every check (format, limits, liveness) and report its rate and the "
        + "JVM's peak heap.", "Exit code 2 and file:line (or file@offset) at the first problem."})
public final class TraceValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The trace file (any format, any compression).")
    private Path file;

    @Option(names = "--lenient", description = "Skip and count operations on ids that are not live instead of failing.")
    private boolean lenient;

    @Override
    public Integer call() throws Exception {
        TraceFiles.requireInput(file);
        long start = System.nanoTime();
        long[] result = TraceFiles.userInput(() -> {
            try (ValidatingTraceReader reader = Traces.open(file, lenient ? Validation.LENIENT : Validation.STRICT)) {
                TraceEvent event = new TraceEvent();
                long ops = 0;
                while (reader.next(event)) {
                    ops++;
                }
                return new long[] {ops, reader.warningCount(), reader.liveCount()};
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeapBytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeapBytes += pool.getPeakUsage().getUsed();
            }
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "valid: %d ops in %.2f s (%.1f M ops/s), %d blocks live at the end, %d skipped; JVM peak heap %s (max %s)",
            result[0], seconds, result[0] / seconds / 1e6, result[2], result[1], TraceFiles.humanBytes(peakHeapBytes),
            TraceFiles.humanBytes(Runtime.getRuntime().maxMemory())));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
