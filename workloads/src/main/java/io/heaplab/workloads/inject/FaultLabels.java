package io.heaplab.workloads.inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels file written beside an injected trace ({@code OUT.labels}): UTF-8 text, one fault per line.
 * <pre>
 * %heaplab-faults 1
 * # position kind id
 * 17 double-free 5
 * 40 overflow-write 12
 * </pre>
 * {@code position} is the 0-based index of the faulty operation in the trace; lines are in position order.
 */
public final class FaultLabels {

    /** The first line. */
    public static final String MAGIC_LINE = "%heaplab-faults 1";
    /** Labels files longer than this are refused (hostile input must not exhaust memory). */
    public static final int MAX_LABELS = 10_000_000;

    private FaultLabels() {
    }

    /**
     * Writes labels.
     *
     * @param labels the labels, in position order
     * @param out    where to; not closed
     * @throws IOException if writing fails
     */
    public static void write(List<FaultLabel> labels, Writer out) throws IOException {
        out.write(MAGIC_LINE + "\n# position kind id\n");
        for (FaultLabel label : labels) {
            out.write(label.position() + " " + label.kind().cliName() + " " + label.id() + "\n");
        }
    }

    /**
     * Reads labels.
     *
     * @param in   the text; not closed
     * @param name the file name used in messages
     * @return the labels, in file order
     * @throws IllegalArgumentException naming {@code name:line} if the file is malformed
     * @throws IOException              if reading fails
     */
    public static List<FaultLabel> read(BufferedReader in, String name) throws IOException {
        String first = in.readLine();
        if (!MAGIC_LINE.equals(first == null ? null : first.strip())) {
            throw new IllegalArgumentException(name + ":1: expected '" + MAGIC_LINE + "', found '"
                + (first == null ? "" : first.strip()) + "'");
        }
        List<FaultLabel> labels = new ArrayList<>();
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("expected 'POSITION KIND ID'");
                }
                long position = Long.parseLong(fields[0]);
                long id = Long.parseLong(fields[2]);
                if (position < 0 || id < 0) {
                    throw new IllegalArgumentException("expected non-negative POSITION and ID");
                }
                labels.add(new FaultLabel(position, FaultKind.parse(fields[1]), id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": " + e.getMessage() + ", found '"
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'");
            }
            if (labels.size() > MAX_LABELS) {
                throw new IllegalArgumentException(name + ": more than " + MAX_LABELS + " labels");
            }
        }
        return labels;
    }
}
