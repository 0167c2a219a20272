package io.heaplab.workloads;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import io.heaplab.trace.Validation;
import io.heaplab.workloads.gen.Generators;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in workloads: heaplab's own recordings of real programs (trace resources under
 * {@code io/heaplab/workloads/recorded/}) and every {@linkplain Generators generator} at
 * {@value #GENERATED_OPS} operations with seed {@value #GENERATED_SEED}.
 *
 * <p>The recordings were made with {@code heaplab record} by {@code workloads/scripts/record-builtins.sh}, which
 * re-records them. They are heaplab's own recordings of programs run on heaplab's inputs.
 *
 * <p>The {@linkplain #suite() suite}, what {@code heaplab compare} replays by default, covers recorded programs,
 * the malloc-lab patterns that separate allocation policies (defeat-buddy, coalescing, realloc growth, random) and
 * shuffled frees of small blocks; each member has 20 000 to 300 000 operations.
 */
public final class WorkloadCatalog {

    /** Operations of each generated built-in workload. */
    public static final long GENERATED_OPS = 100_000;
    /** Seed of each generated built-in workload. */
    public static final long GENERATED_SEED = 42;

    private static final String RESOURCE_DIR = "/io/heaplab/workloads/recorded/";

    /** The recordings shipped as resources: name, description, in the suite. */
    private static final List<Recorded> RECORDED = List.of(
        new Recorded("python-strings", "CPython 3.11 (PYTHONMALLOC=malloc): start-up, then a list of 15000 str(i)", true),
        new Recorded("python-dict", "CPython 3.11 (PYTHONMALLOC=malloc): build and drop a dict of 8000 lists", false),
        new Recorded("cc1-compile", "GCC 12's cc1 compiling a 130-line C file with -O2", true),
        new Recorded("perl-wordcount", "perl counting the words of 20000 random lines in a hash", false),
        new Recorded("c-wordfreq", "a small C word counter: hash table of strdup'ed words, realloc'ed arrays", false),
        new Recorded("sort-lines", "GNU sort on 20000 random lines: few, large buffers", false));

    private static final Set<String> GENERATED_IN_SUITE = Set.of(
        "defeat-buddy", "coalescing", "realloc-growth", "uniform-random", "shuffled-free");

    private record Recorded(String name, String description, boolean inSuite) {
    }

    private final List<Workload> all;

    private WorkloadCatalog(List<Workload> all) {
        this.all = List.copyOf(all);
    }

    /** {@return the built-in catalog: recordings first, then generated workloads} */
    public static WorkloadCatalog builtIn() {
        List<Workload> workloads = new ArrayList<>();
        for (Recorded r : RECORDED) {
            String resource = RESOURCE_DIR + r.name() + ".hltrace.gz";
            if (WorkloadCatalog.class.getResource(resource) == null) {
                continue;
            }
            workloads.add(new Workload(r.name(), r.description(), Workload.Kind.RECORDED, r.inSuite(),
                () -> openResource(resource)));
        }
        for (Generators.Generator g : Generators.all()) {
            workloads.add(new Workload(g.name(), g.description(), Workload.Kind.GENERATED,
                GENERATED_IN_SUITE.contains(g.name()), () -> g.open(GENERATED_OPS, GENERATED_SEED)));
        }
        return new WorkloadCatalog(workloads);
    }

    /** {@return every built-in workload, recordings first} */
    public List<Workload> all() {
        return all;
    }

    /** {@return the default set for {@code heaplab compare}} */
    public List<Workload> suite() {
        return all.stream().filter(Workload::inSuite).toList();
    }

    /**
     * {@return the built-in workload called {@code name}}
     *
     * @param name e.g. {@code defeat-buddy}
     */
    public Optional<Workload> find(String name) {
        return all.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** {@return the built-in names, comma-separated} */
    public String names() {
        return all.stream().map(Workload::name).collect(Collectors.joining(", "));
    }

    /**
     * Opens a built-in workload by name, or else a trace file by path (strictly validated).
     *
     * @param nameOrPath a built-in name or a trace file
     * @return a reader positioned after the header
     * @throws IllegalArgumentException              if it is neither a built-in name nor an existing file; the
     *                                               one-line message lists the built-in names
     * @throws io.heaplab.trace.TraceFormatException if the file's header is malformed
     * @throws IOException                           if reading fails
     */
    public static TraceReader open(String nameOrPath) throws IOException {
        WorkloadCatalog catalog = builtIn();
        Optional<Workload> workload = catalog.find(nameOrPath);
        if (workload.isPresent()) {
            return workload.get().open();
        }
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown workload '" + nameOrPath + "': neither a built-in workload ("
                + catalog.names() + ") nor a trace file");
        }
        try {
            return Traces.open(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("unknown workload '" + nameOrPath + "': neither a built-in workload ("
                + catalog.names() + ") nor a trace file");
        }
    }

    private static TraceReader openResource(String resource) throws IOException {
        InputStream in = WorkloadCatalog.class.getResourceAsStream(resource);
        if (in == null) {
            throw new NoSuchFileException(resource);
        }
        return Traces.open(in, resource.substring(resource.lastIndexOf('/') + 1), Validation.STRICT);
    }
}
