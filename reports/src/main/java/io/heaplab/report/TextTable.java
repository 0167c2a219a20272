package io.heaplab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed-width plain-text table for terminals: a header row, a rule, then rows; numeric-looking cells are
 * right-aligned, everything else left-aligned.
 *
 * <pre>{@code
 * TextTable t = new TextTable("allocator", "util %");
 * t.row("freelist-best", "97.1");
 * String text = t.render();
 * }</pre>
 *
 * @implSpec Not thread-safe. Rendering does not change the table.
 */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param header the column names
     * @throws IllegalArgumentException if there are no columns
     */
    public TextTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = header.clone();
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column; {@code null} renders as empty
     * @return this table
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has "
                + header.length + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(row);
        return this;
    }

    /** {@return the number of rows, excluding the header} */
    public int rowCount() {
        return rows.size();
    }

    /** {@return the table as lines separated by {@code \n}, with a trailing newline} */
    public String render() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
        }
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
                if (!row[c].isEmpty() && !isNumeric(row[c])) {
                    numeric[c] = false;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, width, numeric);
        for (int c = 0; c < header.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.append('\n');
        for (String[] row : rows) {
            appendRow(out, row, width, numeric);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(numeric[c] ? pad + cells[c] : cells[c] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * Numbers, optionally signed, with a unit or percent sign, "±" intervals, "x" ratios, counts "k/n" and
     * intervals "[a, b]" count as numeric.
     */
    private static boolean isNumeric(String cell) {
        return cell.matches("[-+]?[0-9][0-9.,]*\\s*(%|x|[kMG]?B|ns|µs|ms|s|/s|[kM]ops/s)?(\\s*±\\s*[0-9.,]+\\s*%?)?")
            || cell.matches("[0-9]+/[0-9]+|\\[[0-9.]+, [0-9.]+\\]") || cell.equals("-") || cell.equals("n/a");
    }
}
