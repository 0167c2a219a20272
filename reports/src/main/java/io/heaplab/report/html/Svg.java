package io.heaplab.report.html;

import java.util.Locale;

/**
 * A minimal SVG/XML writer: elements with escaped attributes and text, numbers with at most two decimals.
 *
 * <p>Output is deterministic (same calls, same bytes) and well-formed XML as long as every {@link #open} is closed by
 * {@link #close}; both are checked by the tests, not here. Not thread-safe: one instance builds one document.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * Starts an {@code <svg>} root of the given pixel size, labelled by its title and description for screen readers.
     *
     * @param id          unique id prefix within the page (the title is {@code id-title}, the text alternative
     *                    {@code id-desc})
     * @param widthPx     width in CSS pixels
     * @param heightPx    height in CSS pixels
     * @param title       the chart's title, shown and read aloud
     * @param description the chart's text alternative: what it shows, in words
     */
    Svg(String id, int widthPx, int heightPx, String title, String description) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(escape(id))
            .append("\" width=\"").append(widthPx).append("\" height=\"").append(heightPx)
            .append("\" viewBox=\"0 0 ").append(widthPx).append(' ').append(heightPx)
            .append("\" role=\"img\" aria-labelledby=\"").append(escape(id)).append("-title ").append(escape(id))
            .append("-desc\" font-family=\"sans-serif\" font-size=\"12\">\n");
        out.append("<title id=\"").append(escape(id)).append("-title\">").append(escape(title)).append("</title>\n");
        out.append("<desc id=\"").append(escape(id)).append("-desc\">").append(escape(description))
            .append("</desc>\n");
    }

    /**
     * Writes an empty element.
     *
     * @param name       the element name
     * @param attributes name, value, name, value, ...; values are escaped; a {@code Double} value is formatted with
     *                   {@link #num}
     * @return this
     */
    Svg element(String name, Object... attributes) {
        start(name, attributes);
        out.append("/>\n");
        return this;
    }

    /**
     * Writes an element holding escaped text.
     *
     * @param name       the element name
     * @param text       its text content
     * @param attributes as for {@link #element}
     * @return this
     */
    Svg text(String name, String text, Object... attributes) {
        start(name, attributes);
        out.append('>').append(escape(text)).append("</").append(name).append(">\n");
        return this;
    }

    /**
     * Opens an element that {@link #close} ends.
     *
     * @param name       the element name
     * @param attributes as for {@link #element}
     * @return this
     */
    Svg open(String name, Object... attributes) {
        start(name, attributes);
        out.append(">\n");
        return this;
    }

    /**
     * Closes an element opened with {@link #open}.
     *
     * @param name the element name
     * @return this
     */
    Svg close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@return the finished document (closes the root {@code <svg>})} */
    String finish() {
        out.append("</svg>\n");
        return out.toString();
    }

    private void start(String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            String value = v instanceof Double d ? num(d) : v instanceof Float f ? num(f) : String.valueOf(v);
            out.append(' ').append(attributes[i]).append("=\"").append(escape(value)).append('"');
        }
    }

    /**
     * {@return {@code v} with at most two decimals, no exponent, no trailing zeros ({@code 12.5}, {@code 3}, {@code -0.25})}
     *
     * @param v a finite number
     */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", hundredths / 100.0);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /**
     * {@return {@code s} safe as XML/HTML text or attribute value}
     *
     * @param s any text; control characters other than tab and line breaks (not allowed in XML) are dropped
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
