package io.heaplab.report.html;

import io.heaplab.report.HeapMap;

/**
 * A self-contained HTML page showing one {@link HeapMap}, with a short guide to reading it. Same offline rules as
 * the report's {@code index.html} (no network, inline everything).
 */
public final class HeapMapPage {

    private HeapMapPage() {
    }

    /**
     * {@return the page}
     *
     * @param map the heap map
     */
    public static String render(HeapMap map) {
        String title = "heaplab heap map: " + map.allocator() + " on " + map.workload();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:\">\n<title>" + Svg.escape(title) + "</title>\n<style>\n"
            + HtmlReport.CSS + "</style>\n</head>\n<body>\n<h1>" + Svg.escape(title) + "</h1>\n"
            + "<p>Each column is a slice of time, each row a slice of the heap's addresses (offset 0 at the bottom, "
            + "the footprint's high-water mark, " + Svg.escape(Units.bytes(map.addressBytes())) + ", at the top). "
            + "A coloured cell holds live blocks (colour = the size class holding most bytes there); grey is free "
            + "space the allocator owns but nobody uses: the more grey islands between colours, the more external "
            + "fragmentation. White is address space the heap had not reached yet.</p>\n"
            + (map.failedAllocations() > 0 ? "<p class=\"bad\"><b>" + map.failedAllocations()
                + " allocations failed</b> during this replay.</p>\n" : "")
            + "<figure>\n" + HeapMapChart.render(map) + "</figure>\n"
            + "<p class=\"note\">" + map.ops() + " operations, " + map.columns() + " × " + map.rows()
            + " cells; a cell shows the blocks live at the end of its slice of time.</p>\n"
            + HtmlReport.SCRIPT + "</body>\n</html>\n";
    }
}
