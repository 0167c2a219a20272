package io.heaplab.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Okabe–Ito colour-blind-safe palette (Okabe &amp; Ito 2008, "Color Universal Design"), and a stable
 * series → colour assignment so that one allocator has the same colour in every chart of a report.
 *
 * <p>Eight colours; beyond eight series the colours repeat with a dash pattern, so lines stay distinguishable
 * without relying on colour alone.
 */
final class Palette {

    /** Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black: most distinct first. */
    static final List<String> OKABE_ITO = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
        "#F0E442", "#000000");

    /** Dash patterns for the 2nd, 3rd, ... round of colours ({@code ""} = solid). */
    private static final List<String> DASHES = List.of("", "6 3", "2 2", "8 3 2 3");

    private final Map<String, Integer> indexBySeries = new LinkedHashMap<>();

    /**
     * @param series the series names in display order; each gets the next colour
     */
    Palette(List<String> series) {
        for (String s : series) {
            indexBySeries.putIfAbsent(s, indexBySeries.size());
        }
    }

    /** {@return the fill/stroke colour of {@code series} (a new series gets the next colour)} @param series name */
    String colour(String series) {
        return OKABE_ITO.get(index(series) % OKABE_ITO.size());
    }

    /** {@return the stroke dash pattern of {@code series}, {@code ""} for solid} @param series name */
    String dash(String series) {
        return DASHES.get(index(series) / OKABE_ITO.size() % DASHES.size());
    }

    private int index(String series) {
        return indexBySeries.computeIfAbsent(series, s -> indexBySeries.size());
    }
}
