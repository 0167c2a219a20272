package io.heaplab.workloads.inject;

import io.heaplab.trace.OpKind;
import io.heaplab.trace.TextTraceReader;
import io.heaplab.trace.TextTraceWriter;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;
import io.heaplab.workloads.WorkloadCatalog;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectorTest {

    private static final int PER_KIND = 7;

    private static List<String> inject(long seed, List<FaultLabel> labelsOut) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceReader clean = WorkloadCatalog.open("uniform-random");
             TextTraceWriter writer = new TextTraceWriter(bytes,
                 FaultInjector.header(clean.header(), EnumSet.allOf(FaultKind.class), seed))) {
            labelsOut.addAll(new FaultInjector().inject(clean, EnumSet.allOf(FaultKind.class), PER_KIND, seed, writer)
                .labels());
        }
        List<String> ops = new ArrayList<>();
        try (TextTraceReader reader = new TextTraceReader(new ByteArrayInputStream(bytes.toByteArray()), "x")) {
            TraceEvent e = new TraceEvent();
            while (reader.next(e)) {
                ops.add(e.toString());
            }
        }
        return ops;
    }

    @Test
    void shouldInjectEachKindAtItsLabelledPositionReadableByTheTextReader() throws IOException {
        List<FaultLabel> labels = new ArrayList<>();
        List<String> ops = inject(3, labels);
        for (FaultKind kind : FaultKind.values()) {
            assertEquals(PER_KIND, labels.stream().filter(l -> l.kind() == kind).count(), kind.cliName());
        }
        for (FaultLabel label : labels) {
            String op = ops.get((int) label.position());
            String id = Long.toString(label.id());
            String expected = switch (label.kind()) {
                case DOUBLE_FREE, DOUBLE_FREE_AFTER_REUSE -> "free " + id;
                case INVALID_FREE -> "free-at " + id + " " + FaultInjector.FOREIGN_DELTA + " ";
                case INTERIOR_FREE -> "free-at " + id + " ";
                case WRONG_LAYOUT -> "free-at " + id + " 0 ";
                case USE_AFTER_FREE_WRITE -> "write " + id + " 0 ";
                case OVERFLOW_WRITE -> "write " + id + " ";
                case LEAK -> "";
            };
            assertTrue(op.startsWith(expected), label + " is at '" + op + "'");
        }
        assertEquals(100_000 + 6 * PER_KIND - PER_KIND, ops.size(),
            "six kinds add an operation, a leak removes one, a wrong layout replaces one");
    }

    @Test
    void shouldBeDeterministicForASeed() throws IOException {
        List<FaultLabel> a = new ArrayList<>();
        List<FaultLabel> b = new ArrayList<>();
        assertEquals(inject(11, a), inject(11, b));
        assertEquals(a, b);
    }

    @Test
    void shouldNameTheLineOfAMalformedLabelsFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultLabels.read(
            new BufferedReader(new StringReader("%heaplab-faults 1\n3 double-free 1\n4 nope 2\n")), "f.labels"));
        assertEquals("f.labels:3: unknown fault 'nope'; known: double-free, double-free-after-reuse, invalid-free,"
            + " interior-free, wrong-layout, use-after-free-write, overflow-write, leak, found '4 nope 2'",
            e.getMessage());
    }

    @Test
    void shouldRefuseToInjectIntoATraceThatAlreadyHasFaults() throws IOException {
        String faulty = "%heaplab-trace 1\nalloc 0 8 8\nwrite 0 8 1\nfree 0\n";
        try (TextTraceReader reader = new TextTraceReader(new ByteArrayInputStream(faulty.getBytes()), "f.hltrace");
             TextTraceWriter writer = new TextTraceWriter(new ByteArrayOutputStream(),
                 new io.heaplab.trace.TraceHeader("f", "", -1, -1, java.util.Map.of()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaultInjector().inject(reader, EnumSet.of(FaultKind.LEAK), 1, 1, writer));
            assertEquals("the trace already carries fault operations ('write 0 8 1' at f.hltrace:3); inject into a"
                + " clean trace", e.getMessage());
        }
        assertEquals(OpKind.WRITE, new TraceEvent().write(1, 2, 3).kind);
    }
}
