package io.heaplab.harness.detect;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.workloads.inject.FaultKind;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process {@link ProbeRunner} starts: runs {@link MisuseProbe}s one after the other, each on a daemon thread
 * under a watchdog, and prints one line per probe: {@code PROBE allocator fault outcome detail}.
 *
 * <p>A probe that does not finish within the timeout has hung its allocator (an endless loop in a corrupted free
 * list); Java cannot stop such a thread, so this process prints {@code hang} for it and halts at once with status
 * {@value #HANG_STATUS}; the runner starts a new process for the probes that remain.
 *
 * <p>Arguments: {@code TIMEOUT_MS allocator:fault...}
 */
public final class ProbeMain {

    /** Exit status after a hang. */
    public static final int HANG_STATUS = 3;

    private ProbeMain() {
    }

    /**
     * @param args {@code TIMEOUT_MS allocator:fault...}
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        long timeoutMs = Long.parseLong(args[0]);
        AllocatorRegistry registry = AllocatorRegistry.load();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "probe");
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i < args.length; i++) {
            String[] cell = args[i].split(":", 2);
            FaultKind fault = FaultKind.parse(cell[1]);
            Future<MisuseProbe.Outcome> result = pool.submit(() -> MisuseProbe.run(registry.get(cell[0]), fault));
            MisuseProbe.Outcome outcome;
            try {
                outcome = result.get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                out.println("PROBE " + cell[0] + " " + cell[1] + " hang no return within " + timeoutMs + " ms");
                out.flush();
                Runtime.getRuntime().halt(HANG_STATUS);
                return;
            } catch (Exception e) {
                outcome = new MisuseProbe.Outcome("exception", String.valueOf(e.getCause()));
            }
            out.println("PROBE " + cell[0] + " " + cell[1] + " " + outcome.outcome() + " " + outcome.detail());
            out.flush();
        }
        System.exit(0);
    }
}
