package io.heaplab.report.html;

import io.heaplab.report.HeapMap;

/**
 * A self-contained HTML page showing one {@link HeapMap}, with a short guide to reading it. Same offline rules as
 * the report's {@code index.html} (no network, inline everything).
 */
public final class HeapMapPage {

    private HeapMapPage() {
    }

    /** Misuses listed in full (at most this many rows; the rest are counted). */
    static final int MAX_LISTED = 1000;

    /** {@return the section listing the misuses, or "" when the replay was not checked} */
    private static String misuses(HeapMap map) {
        if (map.checkLevel().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h2 id=\"misuses\">Misuses detected</h2>\n<p>The replay ran through "
            + "the checked layer (level " + Svg.escape(map.checkLevel()) + ", RECORD mode): ");
        out.append(map.detectedMisuses()).append(map.detectedMisuses() == 1 ? " misuse" : " misuses")
            .append(" detected");
        if (map.detectedMisuses() > map.markers().size()) {
            out.append(" (the layer kept the first ").append(map.markers().size()).append(", marked and listed here)");
        }
        if (map.injectedFaults() >= 0) {
            out.append(", ").append(map.injectedFaults()).append(" faults injected according to the trace's labels");
        }
        out.append(". Each is a red cross on the map at the operation that revealed it and the address it "
            + "concerns (a write is revealed later than it happened: when its block is freed or leaves the "
            + "quarantine); an address outside the heap (an invalid free) is drawn on the top edge. Blocks still live "
            + "at the end are not reported as leaks here.</p>\n");
        if (map.markers().isEmpty()) {
            return out.toString();
        }
        out.append("<table class=\"sortable misuse-list\">\n<thead><tr><th>op</th><th>address</th><th>misuse</th>"
            + "<th>message</th></tr></thead>\n<tbody>\n");
        int listed = 0;
        for (HeapMap.Marker m : map.markers()) {
            if (listed++ == MAX_LISTED) {
                break;
            }
            out.append("<tr><td class=\"num\" data-v=\"").append(m.opIndex()).append("\">").append(m.opIndex())
                .append("</td><td class=\"num\" data-v=\"").append(m.address()).append("\">0x")
                .append(Long.toHexString(m.address())).append("</td><td class=\"bad\">")
                .append(Svg.escape(m.kind())).append("</td><td>").append(Svg.escape(m.message()))
                .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (map.markers().size() > MAX_LISTED) {
            out.append("<p class=\"note\">").append(map.markers().size() - MAX_LISTED).append(" more not listed.</p>\n");
        }
        return out.toString();
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
            + misuses(map) + HtmlReport.SCRIPT + "</body>\n</html>\n";
    }
}
