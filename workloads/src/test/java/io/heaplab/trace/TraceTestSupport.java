package io.heaplab.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the trace tests: read a trace from bytes into strings, write events to bytes. */
final class TraceTestSupport {

    static final TraceHeader HEADER = new TraceHeader("t", "test", -1, -1, Map.of());

    private TraceTestSupport() {
    }

    static TraceReader text(String content) throws IOException {
        return Traces.openUnchecked(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "t.trace");
    }

    static TraceReader bytes(byte[] content, String name) throws IOException {
        return Traces.openUnchecked(new ByteArrayInputStream(content), name);
    }

    /** Reads every operation, rendered with thread and time as the text format would. */
    static List<String> readAll(TraceReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        TraceEvent event = new TraceEvent();
        while (reader.next(event)) {
            out.add(render(event));
        }
        reader.close();
        return out;
    }

    static String render(TraceEvent event) {
        return event + (event.threadId >= 0 ? " tid=" + event.threadId : "")
            + (event.timestampNanos >= 0 ? " ns=" + event.timestampNanos : "");
    }

    static byte[] write(TraceFormat format, TraceHeader header, List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = Traces.writer(out, format, header)) {
            for (TraceEvent e : events) {
                writer.write(e);
            }
        }
        return out.toByteArray();
    }
}
