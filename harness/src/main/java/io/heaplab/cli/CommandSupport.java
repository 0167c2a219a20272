package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.LoadedTrace;
import io.heaplab.harness.Workloads;
import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import io.heaplab.trace.TraceFormatException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code replay} and {@code compare} share: resolving names to allocators and workloads, writing results. */
final class CommandSupport {

    private CommandSupport() {
    }

    /**
     * {@return the allocators named, in order}
     *
     * @param registry the registry
     * @param names    registered names
     * @throws UserInputException if a name is unknown; the message lists the known names
     */
    static List<AllocatorSpec> allocators(AllocatorRegistry registry, List<String> names) {
        List<AllocatorSpec> specs = new ArrayList<>();
        for (String name : names) {
            AllocatorSpec spec = registry.find(name.strip()).orElseThrow(() -> new UserInputException(
                "unknown allocator '" + name.strip() + "'; known: " + String.join(", ",
                    registry.all().stream().map(AllocatorSpec::name).toList())));
            if (!specs.contains(spec)) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /**
     * {@return the workload loaded into memory}
     *
     * @param nameOrPath a built-in name or a trace file
     * @throws UserInputException if it is unknown, missing or malformed (the message names file:line)
     */
    static LoadedTrace workload(String nameOrPath) {
        try {
            return Workloads.load(nameOrPath.strip());
        } catch (TraceFormatException e) {
            throw new UserInputException("malformed trace: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such trace file: " + e.getFile(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload '" + nameOrPath + "': " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code document} in {@code format} to a file, or to {@code out} when the target is {@code -}.
     *
     * @param document the results
     * @param format   the format
     * @param target   a file path or {@code -}
     * @param out      standard output
     * @throws UncheckedIOException if the file cannot be written
     */
    static void write(ResultsDocument document, ResultFormats format, String target, PrintWriter out) {
        try {
            if (target.equals("-")) {
                format.format().write(document, out);
                out.flush();
                return;
            }
            Path file = Path.of(target);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                format.format().write(document, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
