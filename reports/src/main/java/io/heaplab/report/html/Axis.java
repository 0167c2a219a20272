package io.heaplab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One chart axis: a value range mapped linearly or logarithmically onto [0, 1], its label (with unit) and its ticks.
 *
 * @param min   the value at fraction 0 (positive when {@code log})
 * @param max   the value at fraction 1, greater than {@code min}
 * @param log   whether values map by log10
 * @param label the axis label, including the unit, e.g. {@code "throughput (M ops/s)"}
 * @param ticks tick marks, in increasing value order
 * @implSpec Immutable.
 */
record Axis(double min, double max, boolean log, String label, List<Tick> ticks) {

    /**
     * A tick mark.
     *
     * @param value where it sits
     * @param text  its label
     */
    record Tick(double value, String text) {
    }

    Axis {
        if (!(max > min) || (log && !(min > 0))) {
            throw new IllegalArgumentException("bad axis range [" + min + ", " + max + "]" + (log ? " (log)" : ""));
        }
        ticks = List.copyOf(ticks);
    }

    /**
     * {@return a linear axis from {@code min} to at least {@code max}, extended to a "nice" tick step (1, 2 or 5
     * times a power of ten) with about five ticks}
     *
     * @param min    the smallest value to show
     * @param max    the largest value to show; if not above {@code min}, the range becomes [min, min + 1]
     * @param label  the label with unit
     * @param format how tick values are written
     */
    static Axis linear(double min, double max, String label, DoubleFunction<String> format) {
        if (!(max > min)) {
            max = min + 1;
        }
        double step = niceStep((max - min) / 5);
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; lo + i * step <= hi + step / 1e6 && i <= 20; i++) {
            double v = lo + i * step;
            ticks.add(new Tick(v, format.apply(Math.abs(v) < step / 1e6 ? 0 : v)));
        }
        return new Axis(lo, hi, false, label, ticks);
    }

    /**
     * {@return a linear axis of byte counts from 0 to at least {@code maxBytes}, ticks at 1, 2 or 5 times a power of
     * 1024 units (0 B, 512 KiB, 1 MiB, ...) so that tick labels stay round}
     *
     * @param maxBytes the largest value to show
     * @param label    the label with unit
     */
    static Axis bytes(double maxBytes, String label) {
        double unit = 1;
        while (maxBytes / unit >= 1024 * 2) {
            unit *= 1024;
        }
        Axis scaled = linear(0, maxBytes / unit, label, v -> "");
        final double u = unit;
        return new Axis(scaled.min() * u, scaled.max() * u, false, label, scaled.ticks().stream()
            .map(t -> new Tick(t.value() * u, Units.bytes(t.value() * u))).toList());
    }

    /**
     * {@return a log10 axis spanning whole decades around [{@code min}, {@code max}], one tick per decade}
     *
     * @param min    the smallest positive value to show
     * @param max    the largest value to show
     * @param label  the label with unit
     * @param format how tick values are written
     */
    static Axis log(double min, double max, String label, DoubleFunction<String> format) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-12))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, min * 10))));
        if (!(hi > lo)) {
            hi = lo * 10;
        }
        List<Tick> ticks = new ArrayList<>();
        for (double v = lo; v <= hi * 1.0001; v *= 10) {
            ticks.add(new Tick(v, format.apply(v)));
        }
        return new Axis(lo, hi, true, label, ticks);
    }

    /** {@return where {@code value} falls, 0 at {@code min} and 1 at {@code max} (not clamped)} @param value v */
    double fraction(double value) {
        if (log) {
            return (Math.log10(Math.max(value, min / 1e6)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (value - min) / (max - min);
    }

    /** {@return the smallest 1, 2 or 5 × 10^k at least {@code rough}} @param rough a positive step */
    static double niceStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= rough * 0.999) {
                return m * decade;
            }
        }
        return 10 * decade;
    }
}
