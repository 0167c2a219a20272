package io.heaplab.harness.detect;

import io.heaplab.workloads.inject.FaultKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link MisuseProbe}s of unchecked allocators in child JVMs ({@link ProbeMain}), so that an allocator
 * that loops forever is reported as {@code hang} and never hangs {@code heaplab detect}: a child that hangs prints
 * so and halts; a new child takes the remaining probes. A child that stops answering altogether is destroyed after
 * three timeouts.
 */
public final class ProbeRunner {

    private ProbeRunner() {
    }

    /**
     * Runs every (allocator, fault) probe.
     *
     * @param allocators allocator names
     * @param faults     fault kinds
     * @param timeoutMs  watchdog per probe, in milliseconds
     * @return outcome per {@code allocator:fault}, in order
     * @throws IOException if a child cannot be started
     */
    public static Map<String, MisuseProbe.Outcome> run(List<String> allocators, List<FaultKind> faults,
                                                       long timeoutMs) throws IOException {
        List<String> remaining = new ArrayList<>();
        for (String allocator : allocators) {
            for (FaultKind fault : faults) {
                remaining.add(allocator + ":" + fault.cliName());
            }
        }
        Map<String, MisuseProbe.Outcome> results = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-Xmx256m");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ProbeMain.class.getName());
            command.add(Long.toString(timeoutMs));
            command.addAll(remaining);
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long[] lastHeard = {System.nanoTime()};
            Thread guard = new Thread(() -> {
                // Backstop for a child whose own watchdog cannot act: no line for 3 timeouts + start-up = stuck.
                long limitNanos = TimeUnit.MILLISECONDS.toNanos(3 * timeoutMs + 10_000);
                while (child.isAlive()) {
                    if (System.nanoTime() - lastHeard[0] > limitNanos) {
                        child.destroyForcibly();
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "probe-guard");
            guard.setDaemon(true);
            guard.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lastHeard[0] = System.nanoTime();
                    String[] f = line.split(" ", 5);
                    if (f.length == 5 && f[0].equals("PROBE")) {
                        String cell = f[1] + ":" + f[2];
                        results.put(cell, new MisuseProbe.Outcome(f[3], f[4]));
                        remaining.remove(cell);
                    }
                }
            } finally {
                try {
                    if (!child.waitFor(3 * timeoutMs, TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            if (!remaining.isEmpty() && child.exitValue() != ProbeMain.HANG_STATUS) {
                // The child died without a verdict on the next probe (a JVM crash): record it and go on.
                String cell = remaining.removeFirst();
                results.put(cell, new MisuseProbe.Outcome("crash", "the probing JVM exited with status "
                    + child.exitValue()));
            }
        }
        return results;
    }
}
