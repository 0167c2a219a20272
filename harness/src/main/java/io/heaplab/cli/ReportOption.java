package io.heaplab.cli;

import io.heaplab.alloc.handles.CapacityLesson;
import io.heaplab.alloc.handles.HandleStats;
import io.heaplab.report.CapacityHeapMap;
import io.heaplab.report.CapacityLessonData;
import io.heaplab.report.DetectionData;
import io.heaplab.report.html.DetectionPage;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.SizeHistogram;
import io.heaplab.report.html.CapacityLessonPage;
import io.heaplab.teach.CapacityReport;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.workloads.WorkloadCatalog;
import io.heaplab.report.html.ReportFiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --report DIR} option (a picocli mixin): after the command's work, write an HTML report of its results
 * into DIR ({@code index.html}, {@code results.json}, {@code results.csv}, {@code summary.md}, {@code latency/*.hgrm}).
 *
 * <p>The directory is checked when the option is parsed, before anything is measured: it must be a directory or not
 * exist yet inside an existing directory. Each file is written through a temporary file and a rename.
 */
public final class ReportOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private Path directory;

    /**
     * Sets and checks the report directory (called by picocli while parsing).
     *
     * @param dir the directory the user gave
     * @throws CommandLine.ParameterException if it is a file or its parent directory does not exist
     */
    @Option(names = "--report", paramLabel = "DIR",
        description = "Also write an HTML report (index.html, results.json, results.csv, summary.md, latency/*.hgrm) "
            + "into DIR, created if missing; open DIR/index.html in a browser (works offline).")
    void setDirectory(String dir) {
        try {
            directory = checkDirectory(dir);
        } catch (UserInputException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /**
     * {@return {@code dir} as an absolute path, checked as a report directory}
     *
     * @param dir the directory the user gave
     * @throws UserInputException if it exists and is not a directory, or its parent directory does not exist
     */
    static Path checkDirectory(String dir) {
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new UserInputException("cannot write a report into " + dir + ": it is a file, not a directory");
        }
        Path parent = path.getParent();
        if (!Files.exists(path) && (parent == null || !Files.isDirectory(parent))) {
            throw new UserInputException("cannot write a report into " + dir + ": directory " + parent
                + " does not exist");
        }
        return path;
    }

    /**
     * Writes the report of {@code document} if {@code --report} was given, printing {@code wrote FILE} per file.
     *
     * @param document the command's results
     * @param log      where the {@code wrote} lines go: standard error, as for every written file, so that
     *                 {@code --json -} on standard output stays pure JSON
     */
    public void write(ResultsDocument document, PrintWriter log) {
        if (directory != null) {
            writeFiles(directory, ReportFiles.of(document, sizes(document)), log);
        }
    }

    /**
     * {@return the request-size histogram of each of the document's workloads that can still be read (built-in
     * names, trace files that still exist); the others are left out, and their report has no size chart}
     *
     * @param document results naming their workloads
     */
    static Map<String, SizeHistogram> sizes(ResultsDocument document) {
        Map<String, SizeHistogram> sizes = new LinkedHashMap<>();
        for (String workload : document.byWorkload().keySet()) {
            try (TraceReader reader = WorkloadCatalog.open(workload.strip())) {
                TraceStats stats = TraceStats.of(reader);
                long[] counts = new long[stats.sizeClassLimit()];
                for (int k = 0; k < counts.length; k++) {
                    counts[k] = stats.sizeClassCount(k);
                }
                sizes.put(workload, new SizeHistogram(workload, counts));
            } catch (IOException | RuntimeException e) {
                // the trace is gone or unreadable now: the report just has no size chart for it
            }
        }
        return sizes;
    }

    /**
     * Writes the capacity lesson page ({@code index.html}) and its figures ({@code capacity.json}) if
     * {@code --report} was given, printing {@code wrote FILE} per file.
     *
     * @param setup   what every lesson run shared
     * @param results the runs, in display order
     * @param unavailable allocators that could not run here, each with why
     * @param log     where the {@code wrote} lines go
     */
    public void writeCapacity(CapacityLesson.Setup setup, List<CapacityLesson.Result> results,
                              Map<String, String> unavailable, PrintWriter log) {
        writeCapacity(setup, results, unavailable, List.of(), log);
    }

    /** {@return whether {@code --report} was given} */
    public boolean requested() {
        return directory != null;
    }

    /**
     * Like {@link #writeCapacity(CapacityLesson.Setup, List, Map, PrintWriter)}, with a heap map per recorded run.
     *
     * @param setup       what every lesson run shared
     * @param results     the runs, in display order
     * @param unavailable allocators that could not run here, each with why
     * @param recorded    recorded runs of one allocator (one per case) for the heap maps; may be empty
     * @param log         where the {@code wrote} lines go
     */
    public void writeCapacity(CapacityLesson.Setup setup, List<CapacityLesson.Result> results,
                              Map<String, String> unavailable, List<CapacityLesson.Recorded> recorded,
                              PrintWriter log) {
        if (directory == null) {
            return;
        }
        List<CapacityLessonData.Row> rows = new ArrayList<>();
        for (CapacityLesson.Result r : results) {
            HandleStats h = r.handle();
            rows.add(new CapacityLessonData.Row(r.allocator(), r.growth().key(), r.growth().rust(), h.allocations(),
                h.reallocationsInPlace(), h.reallocationsMoved(), h.bytesCopied(), h.bytesPreserved(), h.frees(),
                r.finalCapacity(), r.peakFootprintBytes(), r.elapsedNanos(), r.failure() == null ? "" : r.failure()));
        }
        CapacityLessonData data = new CapacityLessonData(setup.element().rustName(),
            setup.element().layout().byteSize(), setup.pushes(), setup.heapBytes(), setup.neighbours(), rows);
        StringWriter json = new StringWriter();
        try {
            new CapacityReport(setup, results, unavailable).writeJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter never throws
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("capacity.json", json.toString());
        files.put("index.html", CapacityLessonPage.render(data, recorded.stream().map(r -> heapMap(r, setup.pushes())).toList()));
        writeFiles(directory, files, log);
    }

    /** A recorded lesson run as the page draws it; "reuses" when an allocation went below an earlier block's end. */
    static CapacityHeapMap heapMap(CapacityLesson.Recorded run, long pushes) {
        List<CapacityHeapMap.Block> blocks = new ArrayList<>(run.blocks().size());
        long highestEnd = Long.MIN_VALUE;
        boolean reuses = false;
        for (CapacityLesson.Block b : run.blocks()) {
            reuses |= b.address() < highestEnd;
            highestEnd = Math.max(highestEnd, b.address() + b.byteSize());
            blocks.add(new CapacityHeapMap.Block(b.address(), b.byteSize(), b.fromPush(), b.toPush(), b.neighbour(),
                b.abandoned()));
        }
        CapacityLesson.Result r = run.result();
        return new CapacityHeapMap(r.allocator(), r.growth().key(), pushes,
            run.abandonedBlocks(), reuses, run.truncated(), blocks);
    }

    /**
     * Writes the detection page ({@code index.html}) and its results ({@code detect.json}) if {@code --report} was
     * given, printing {@code wrote FILE} per file.
     *
     * @param data the results of {@code heaplab detect}
     * @param json the same results as {@code heaplab detect --json} writes them
     * @param log  where the {@code wrote} lines go
     */
    public void writeDetection(DetectionData data, String json, PrintWriter log) {
        if (directory == null) {
            return;
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("detect.json", json);
        files.put("index.html", DetectionPage.render(data));
        writeFiles(directory, files, log);
    }

    /**
     * Writes report files into a checked directory, printing {@code wrote FILE} per file.
     *
     * @param directory a directory checked by {@link #checkDirectory}
     * @param files     relative name → content
     * @param log       where the {@code wrote} lines go
     */
    static void writeFiles(Path directory, Map<String, String> files, PrintWriter log) {
        int[] histograms = {0};
        ReportFiles.write(directory, files, p -> {
            if (p.getFileName().toString().endsWith(".hgrm")) {
                histograms[0]++; // one line for all of them: there is one per (allocator, workload) pair
            } else {
                log.println("wrote " + p);
            }
        });
        if (histograms[0] > 0) {
            log.println("wrote " + histograms[0] + " latency histograms in " + directory.resolve("latency"));
        }
        log.println("open " + directory.resolve("index.html").toUri());
        log.flush();
    }

    /** {@return the checked directory, or {@code null} when {@code --report} was not given} */
    Path directory() {
        return directory;
    }
}
