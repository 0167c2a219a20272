package io.heaplab.harness.detect;

import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.checked.MisuseReport;
import io.heaplab.workloads.inject.FaultKind;
import io.heaplab.workloads.inject.FaultLabel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectionsTest {

    private static MisuseReport report(MisuseKind kind, long address, long op) {
        return new MisuseReport(kind, kind + " at " + address, address, 48, 8, op, 0, -1);
    }

    @Test
    void shouldMatchAReportToTheLabelOfItsAddressAndCountTheRestAsFalsePositives() {
        List<FaultLabel> labels = List.of(new FaultLabel(10, FaultKind.DOUBLE_FREE, 1),
            new FaultLabel(20, FaultKind.OVERFLOW_WRITE, 2), new FaultLabel(30, FaultKind.INTERIOR_FREE, 3));
        long[] targets = {0x100, 0x200, 0x318};
        Detections d = new Detections();
        d.add(labels, targets, List.of(
            report(MisuseKind.DOUBLE_FREE, 0x100, 10),
            report(MisuseKind.OVERFLOW_WRITE, 0x200, 25),
            report(MisuseKind.MISALIGNED_FREE, 0x318, 30),
            report(MisuseKind.DOUBLE_FREE, 0x400, 40),        // no such fault: a false positive
            report(MisuseKind.OVERFLOW_WRITE, 0x200, 19)));   // before the fault: a false positive
        assertEquals(1, d.of(FaultKind.DOUBLE_FREE).detected());
        assertEquals(1, d.of(FaultKind.DOUBLE_FREE).falsePositives());
        assertEquals(1, d.of(FaultKind.OVERFLOW_WRITE).detected());
        assertEquals(5.0, d.of(FaultKind.OVERFLOW_WRITE).meanLatencyOps());
        assertEquals(1, d.of(FaultKind.OVERFLOW_WRITE).falsePositives());
        assertEquals(1, d.of(FaultKind.INTERIOR_FREE).detected(), "an unaligned interior free reads as misaligned");
        assertEquals(2, d.totalFalsePositives());
    }

    @Test
    void shouldNotCountAFaultWhoseBlockWasNeverAllocated() {
        Detections d = new Detections();
        d.add(List.of(new FaultLabel(5, FaultKind.LEAK, 1)), new long[] {-1}, List.of());
        assertEquals(0, d.of(FaultKind.LEAK).injected());
        assertEquals(0, d.of(FaultKind.LEAK).missed());
    }

    @Test
    void shouldProbeAnUncheckedAllocatorInAChildJvmAndReportWhatTheMisuseDid() throws IOException {
        Map<String, MisuseProbe.Outcome> outcomes = ProbeRunner.run(List.of("freelist-best"),
            List.of(FaultKind.DOUBLE_FREE, FaultKind.LEAK), 10_000);
        assertEquals(List.of("freelist-best:double-free", "freelist-best:leak"), List.copyOf(outcomes.keySet()));
        // The free-list allocators check a free against their free-block bitmap (O(1)), so a second free of the
        // same block is refused with an exception instead of corrupting the free list.
        MisuseProbe.Outcome doubleFree = outcomes.get("freelist-best:double-free");
        assertEquals("exception", doubleFree.outcome(), doubleFree.detail());
        assertTrue(doubleFree.detail().startsWith("IllegalArgumentException: not a live block of freelist-best"),
            doubleFree.detail());
        assertEquals(new MisuseProbe.Outcome("silent", "no overlap, bytes intact, statistics as the model"),
            outcomes.get("freelist-best:leak"));
    }
}
