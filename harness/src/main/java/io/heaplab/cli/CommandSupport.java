package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.harness.LoadedTrace;
import io.heaplab.harness.Workloads;
import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import io.heaplab.trace.TraceFormatException;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the measuring commands share: resolving names to allocators and workloads (with "did you mean" for typos,
 * allocator groups, trace directories and globs), checking outputs before work and writing results.
 */
final class CommandSupport {

    /** The registry commands use; bound by {@link Main#run(AllocatorRegistry, PrintWriter, PrintWriter, String...)}. */
    static final ScopedValue<AllocatorRegistry> REGISTRY = ScopedValue.newInstance();

    /** {@code -a} values that stand for a group of allocators. */
    static final String ALL = "all";
    static final String RESEARCH = "research";
    static final String NATIVE = "native";

    /** A misspelling at most this many edits from a known name is answered with "did you mean". */
    private static final int MAX_SUGGESTION_EDITS = 3;

    private CommandSupport() {
    }

    /** {@return the bound registry, or every allocator on the class path} */
    static AllocatorRegistry registry() {
        return REGISTRY.isBound() ? REGISTRY.get() : AllocatorRegistry.load();
    }

    /**
     * {@return the allocators named, in order, without duplicates} {@code all} stands for every registered
     * allocator, {@code research} and {@code native} for every allocator of that kind.
     *
     * @param registry the registry
     * @param names    registered names or group names
     * @throws UserInputException if a name is unknown; the message suggests the nearest name, or lists them all
     */
    static List<AllocatorSpec> allocators(AllocatorRegistry registry, List<String> names) {
        List<AllocatorSpec> specs = new ArrayList<>();
        for (String raw : names) {
            String name = raw.strip();
            List<AllocatorSpec> found = switch (name) {
                case ALL -> registry.all();
                case RESEARCH -> registry.ofKind(AllocatorSpec.Kind.RESEARCH);
                case NATIVE -> registry.ofKind(AllocatorSpec.Kind.NATIVE);
                default -> List.of(registry.find(name).orElseThrow(() -> unknownAllocator(registry, name)));
            };
            for (AllocatorSpec spec : found) {
                if (!specs.contains(spec)) {
                    specs.add(spec);
                }
            }
        }
        return specs;
    }

    /**
     * Adds the baseline named by {@code --baseline} to the allocators measured, unless it is already there.
     *
     * @param registry   the registry
     * @param allocators the allocators to measure; the baseline is appended if missing
     * @param baseline   the option's value; {@code none} for no baseline
     * @return the baseline's name, or empty for none
     * @throws UserInputException if the baseline is not a registered allocator
     */
    static String addBaseline(AllocatorRegistry registry, List<AllocatorSpec> allocators, String baseline) {
        String name = "none".equals(baseline) ? "" : baseline.strip();
        if (!name.isEmpty()) {
            AllocatorSpec base = registry.find(name).orElseThrow(() -> unknownAllocator(registry, name));
            if (!allocators.contains(base)) {
                allocators.add(base);
            }
        }
        return name;
    }

    /** {@return the one-line error for an unknown allocator name} */
    static UserInputException unknownAllocator(AllocatorRegistry registry, String name) {
        List<String> known = registry.all().stream().map(AllocatorSpec::name).toList();
        List<String> candidates = new ArrayList<>(known);
        candidates.addAll(List.of(ALL, RESEARCH, NATIVE));
        return new UserInputException(nearest(name, candidates)
            .map(n -> "unknown allocator '" + name + "'; did you mean '" + n + "'?")
            .orElse("unknown allocator '" + name + "'; known: " + String.join(", ", known)));
    }

    /**
     * {@return the candidate nearest to {@code name} in edit distance, if close enough to be a typo} Ties go to the
     * first candidate.
     *
     * @param name       what the user typed
     * @param candidates the known names
     */
    static Optional<String> nearest(String name, List<String> candidates) {
        LevenshteinDistance distance = new LevenshteinDistance(MAX_SUGGESTION_EDITS);
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance.apply(lower, candidate);
            // -1: farther than the threshold. A typo changes a small part of a name: fewer edits than a quarter of it
            // ('freelist-bset' is 2 from 'freelist-best'; 'tcmalloc', another allocator, is 2 from 'jemalloc').
            if (d >= 0 && d < bestDistance && 4 * d < Math.max(candidate.length(), lower.length())) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * {@return the {@code -w} arguments expanded into workload names and trace files} A directory stands for every
     * trace file in it ({@code *.hltrace}, {@code *.trace}, optionally {@code .gz} / {@code .zst}), a value with
     * {@code * ? [ {} for the files matching that glob, both sorted by name; anything else is kept as given.
     *
     * @param arguments the values of {@code -w}
     * @throws UserInputException if a directory holds no trace file or a glob matches none
     */
    static List<String> expandWorkloads(List<String> arguments) {
        List<String> names = new ArrayList<>();
        for (String raw : arguments) {
            String argument = raw.strip();
            if (isBuiltIn(argument)) {
                names.add(argument);
            } else if (isGlob(argument)) {
                List<String> matches = glob(argument);
                if (matches.isEmpty()) {
                    throw new UserInputException("no trace file matches '" + argument + "'");
                }
                names.addAll(matches);
            } else if (isDirectory(argument)) {
                List<String> files = traceFilesIn(Path.of(argument));
                if (files.isEmpty()) {
                    throw new UserInputException("no trace files (*.hltrace, *.trace, optionally .gz or .zst) in "
                        + "directory " + argument);
                }
                names.addAll(files);
            } else {
                names.add(argument);
            }
        }
        return names.stream().distinct().toList();
    }

    /** {@return whether {@code name} is a built-in workload's name} */
    static boolean isBuiltIn(String name) {
        return Workloads.all().stream().anyMatch(e -> e.name().equals(name));
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static boolean isDirectory(String argument) {
        try {
            return Files.isDirectory(Path.of(argument));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isTraceFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
        return !name.startsWith(".") && (name.endsWith(".hltrace") || name.endsWith(".trace"))
            && Files.isRegularFile(file);
    }

    private static List<String> traceFilesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(CommandSupport::isTraceFile).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException("cannot list directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The files matching a glob: the fixed leading directories are walked as deep as the pattern goes. */
    private static List<String> glob(String pattern) {
        String[] parts = pattern.split("/", -1);
        int fixed = 0;
        while (fixed < parts.length - 1 && !isGlob(parts[fixed])) {
            fixed++;
        }
        String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fixed));
        Path base = fixed == 0 ? Path.of("") : Path.of(prefix.isEmpty() ? "/" : prefix);
        if (!Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        try (Stream<Path> files = Files.walk(start, parts.length - fixed)) {
            return files
                .map(p -> base.toString().isEmpty() ? start.relativize(p) : p)
                .filter(p -> matcher.matches(p) && Files.isRegularFile(p))
                .sorted(Comparator.comparing(Path::toString))
                .map(Path::toString).toList();
        } catch (IOException e) {
            throw new UserInputException("cannot expand '" + pattern + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@return the workload loaded into memory}
     *
     * @param nameOrPath a built-in name or a trace file
     * @throws UserInputException if it is unknown (suggesting the nearest built-in name), missing or malformed (the
     *                            message names file:line)
     */
    static LoadedTrace workload(String nameOrPath) {
        return workload(nameOrPath, CheckLevel.OFF);
    }

    /**
     * {@return the workload loaded into memory, for a replay at check level {@code check}} Unchecked, a trace with a
     * misuse (a free of an id that is not live, a fault operation) is refused, the message saying to replay it with
     * {@code --check}; checked, double frees are kept for the checked allocator to detect.
     *
     * @param nameOrPath a built-in name or a trace file
     * @param check      the replay's check level
     * @throws UserInputException if it is unknown, missing or malformed (the message names file:line)
     */
    static LoadedTrace workload(String nameOrPath, CheckLevel check) {
        String name = nameOrPath.strip();
        try {
            return Workloads.load(name, check != CheckLevel.OFF);
        } catch (TraceFormatException e) {
            String message = e.getMessage();
            boolean misuse = message.contains("which is not live") || message.contains("which is already live")
                || message.contains("is a fault operation");
            throw new UserInputException("malformed trace: " + message + (misuse && check == CheckLevel.OFF
                ? " (a misuse, e.g. an injected double free: replay it with --check cheap or --check full to count "
                + "it, or run 'heaplab detect')" : ""), e);
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such trace file: " + e.getFile(), e);
        } catch (IllegalArgumentException e) {
            Optional<String> near = name.contains("/") ? Optional.empty()
                : nearest(name, Workloads.all().stream().map(Workloads.Entry::name).toList());
            throw new UserInputException(near.map(n -> "unknown workload '" + name + "'; did you mean '" + n + "'?")
                .orElse(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload '" + nameOrPath + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@return the output file checked before any work, or {@code null} for none or standard output ({@code -})}
     *
     * @param target the value of {@code --json}, {@code --csv} etc., or {@code null}
     * @param inputs files the command reads
     * @throws UserInputException if it cannot be written (see {@link OutputFile#check})
     */
    static OutputFile checkOutput(String target, Path... inputs) {
        return target == null || target.equals("-") ? null : OutputFile.check(target, inputs);
    }

    /** {@return the trace files among workload arguments (outputs must not overwrite them)} */
    static Path[] inputFiles(List<String> workloads) {
        return workloads.stream().filter(w -> !isBuiltIn(w)).map(w -> {
            try {
                return Path.of(w);
            } catch (InvalidPathException e) {
                return null;
            }
        }).toArray(Path[]::new);
    }

    /**
     * Writes {@code document} in {@code format} to a checked file (printing {@code wrote FILE} on {@code err}), or to
     * {@code out} when {@code file} is {@code null} (the target was {@code -}).
     *
     * @param document the results
     * @param format   the format
     * @param file     the checked output, or {@code null} for standard output
     * @param out      standard output
     * @param err      standard error
     * @throws UncheckedIOException if the file cannot be written
     */
    static void write(ResultsDocument document, ResultFormats format, OutputFile file, PrintWriter out,
                      PrintWriter err) {
        if (file == null) {
            out.print(format.render(document));
            out.flush();
            return;
        }
        file.write(stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            format.format().write(document, w);
            w.flush();
        }, err);
    }
}
