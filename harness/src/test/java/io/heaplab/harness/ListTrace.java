package io.heaplab.harness;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A trace held in a list, for tests: {@code new ListTrace("t").alloc(0, 100, 8).free(0)}. */
final class ListTrace implements TraceReader {

    private final String name;
    private final List<Consumer<TraceEvent>> ops = new ArrayList<>();
    private final long idCount;
    private int next;

    ListTrace(String name) {
        this(name, -1);
    }

    /** @param idCount the header's id count, -1 for unknown (exercises map growth) */
    ListTrace(String name, long idCount) {
        this.name = name;
        this.idCount = idCount;
    }

    ListTrace alloc(long id, long size, long align) {
        ops.add(e -> e.alloc(id, size, align));
        return this;
    }

    ListTrace free(long id) {
        ops.add(e -> e.free(id));
        return this;
    }

    ListTrace realloc(long id, long size) {
        ops.add(e -> e.realloc(id, size));
        return this;
    }

    LoadedTrace load() {
        try {
            return LoadedTrace.load(name, this);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public TraceHeader header() {
        return new TraceHeader(name, "test", ops.size(), idCount, Map.of());
    }

    @Override
    public boolean next(TraceEvent event) {
        if (next == ops.size()) {
            return false;
        }
        ops.get(next++).accept(event);
        return true;
    }

    @Override
    public String position() {
        return name + ":" + (next + 1);
    }

    @Override
    public void close() {
    }
}
