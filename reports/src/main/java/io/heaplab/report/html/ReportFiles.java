package io.heaplab.report.html;

import io.heaplab.report.AtomicFile;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.SizeHistogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files of a report directory, computed in memory from result records, then written each through a temporary
 * file renamed over the target (so an interrupted run never leaves a half-written file).
 *
 * <ul>
 *   <li>{@code index.html}: the self-contained page ({@link #indexHtml}); works offline;</li>
 *   <li>{@code results.json}, {@code results.csv}: the results in the documented formats;</li>
 *   <li>{@code summary.md}: Markdown tables for papers and READMEs;</li>
 *   <li>{@code latency/ALLOCATOR__WORKLOAD.hgrm}: one per measured pair with latency percentiles.</li>
 * </ul>
 * The content is deterministic: the same records give the same bytes.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * {@return the report of one run: file name (relative to the report directory) → content, in writing order}
     *
     * @param document the results
     */
    public static Map<String, String> of(ResultsDocument document) {
        return build(document, null, Map.of());
    }

    /**
     * {@return the report of one run, with the request sizes of its workloads drawn where known}
     *
     * @param document the results
     * @param sizes    request-size histograms by workload name; workloads without one get no size chart
     */
    public static Map<String, String> of(ResultsDocument document, Map<String, SizeHistogram> sizes) {
        return build(document, null, sizes);
    }

    /**
     * {@return the report of run {@code after}, with a section comparing it to run {@code before} pair by pair}
     *
     * @param beforeName label of the first run (e.g. its file name)
     * @param before     the first run
     * @param afterName  label of the second run
     * @param after      the second run; its results are the ones tabulated and drawn
     * @param sizes      request-size histograms by workload name (may be empty)
     */
    public static Map<String, String> compared(String beforeName, ResultsDocument before, String afterName,
                                               ResultsDocument after, Map<String, SizeHistogram> sizes) {
        return build(after, RunComparison.of(beforeName, before, afterName, after), sizes);
    }

    /**
     * {@return the pair-by-pair comparison of two runs as plain text (ratio, or {@code ~} when not significant)}
     *
     * @param beforeName label of the first run
     * @param before     the first run
     * @param afterName  label of the second run
     * @param after      the second run
     */
    public static String comparisonText(String beforeName, ResultsDocument before, String afterName,
                                        ResultsDocument after) {
        return RunComparison.of(beforeName, before, afterName, after).text();
    }

    /**
     * {@return the {@code index.html} page of {@code document}}
     *
     * @param document the results
     */
    public static String indexHtml(ResultsDocument document) {
        return HtmlReport.render(document, null);
    }

    private static Map<String, String> build(ResultsDocument document, RunComparison comparison,
                                             Map<String, SizeHistogram> sizes) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("results.json", ResultFormats.JSON.render(document));
        files.put("results.csv", ResultFormats.CSV.render(document));
        files.put("summary.md", MarkdownSummary.render(document));
        for (PairResult r : document.results()) {
            if (r.status() == PairResult.Status.OK && r.latency().measured()) {
                files.putIfAbsent("latency/" + safeName(r.allocator()) + "__" + safeName(r.workload()) + ".hgrm",
                    HgrmFile.render(r.latency()));
            }
        }
        files.put("index.html", HtmlReport.render(document, comparison, sizes));
        return files;
    }

    /** {@return {@code name} with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}} */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    /**
     * Writes {@code files} into {@code directory} (created if missing), each through a temporary file renamed over
     * its target; {@code index.html} is written last, so its presence means the report is complete.
     *
     * @param directory the report directory
     * @param files     relative name → content, as from {@link #of}
     * @param written   told each file's path once it is in place (e.g. to print {@code wrote FILE})
     * @throws UncheckedIOException if a file cannot be written; files already written stay, the failed one is
     *                              untouched and its temporary file removed
     */
    public static void write(Path directory, Map<String, String> files, Consumer<Path> written) {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = directory.resolve(e.getKey()).normalize();
            if (!target.startsWith(directory.normalize())) {
                throw new IllegalArgumentException("report file escapes its directory: " + e.getKey());
            }
            writeAtomically(target, e.getValue());
            written.accept(target);
        }
    }

    /**
     * Writes {@code content} as UTF-8 to a temporary file beside {@code target}, then renames it over the target.
     *
     * @param target  the file to (re)place; its parent directories are created
     * @param content the text
     * @throws UncheckedIOException if writing or renaming fails; the target is then untouched
     */
    static void writeAtomically(Path target, String content) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        AtomicFile.write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
