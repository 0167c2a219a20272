package io.heaplab.report.html;

import java.util.Locale;

/** How numbers are written in reports: bytes in binary units, rates in M ops/s, fractions as percentages. */
final class Units {

    private Units() {
    }

    /** {@return {@code bytes} as {@code 512 B}, {@code 1.5 KiB}, {@code 12 MiB}, or {@code –} when negative} */
    static String bytes(double bytes) {
        if (bytes < 0 || Double.isNaN(bytes)) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? String.format(Locale.ROOT, "%.0f", v) : trim(v)) + " " + units[u];
    }

    /** {@return {@code v} with three significant digits, e.g. {@code 12.3}, {@code 0.456}, {@code 1230}} */
    static String trim(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
            : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
            : a >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** {@return a rate in millions per second, e.g. {@code 12.3}} @param perSecond operations per second */
    static String mega(double perSecond) {
        return trim(perSecond / 1e6);
    }

    /** {@return a fraction as a percentage with one decimal, e.g. {@code 81.3 %}, or {@code –} for NaN} */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", fraction * 100) : "–";
    }

    /** {@return a ratio with three significant digits and a times sign, e.g. {@code 1.23×}, or {@code –}} */
    static String ratio(double ratio) {
        return Double.isFinite(ratio) ? trim(ratio) + "×" : "–";
    }

    /** {@return nanoseconds as {@code 850 ns}, {@code 1.2 µs} or {@code 3.4 ms}, or {@code –} when negative} */
    static String nanos(double nanos) {
        if (nanos < 0 || Double.isNaN(nanos)) {
            return "–";
        }
        if (nanos < 1000) {
            return trim(nanos) + " ns";
        }
        return nanos < 1e6 ? trim(nanos / 1e3) + " µs" : trim(nanos / 1e6) + " ms";
    }

    /** {@return a p-value as {@code p<0.001} or {@code p=0.042}, or {@code –}} */
    static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "–";
        }
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }
}
