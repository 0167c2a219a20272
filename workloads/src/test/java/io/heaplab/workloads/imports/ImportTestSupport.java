package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

final class ImportTestSupport {

    private ImportTestSupport() {
    }

    static List<String> readAll(TraceReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        try (reader) {
            TraceEvent event = new TraceEvent();
            while (reader.next(event)) {
                out.add(event + (event.timestampNanos >= 0 ? " ns=" + event.timestampNanos : ""));
            }
        }
        return out;
    }
}
