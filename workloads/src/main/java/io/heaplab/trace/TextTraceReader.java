package io.heaplab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a heaplab trace in the text format, version 1.
 *
 * <h2>Text format, version 1</h2>
 * UTF-8 lines ending in {@code \n} (a {@code \r} before it is ignored), each at most
 * {@value TraceLimits#MAX_LINE_BYTES} bytes. Fields are separated by spaces or tabs; numbers are decimal.
 * <pre>
 * %heaplab-trace 1                      first line: magic and format version (required)
 * %name python-strings                  header directives, all optional, only before the first operation:
 * %source heaptrack: python3 -c ...       name and source run to the end of the line
 * %ops 765849                             number of operations (checked at the end of the trace)
 * %ids 103257                             1 + the largest id (every id must be below it)
 * %attr import.unknown-frees 3            further facts: a key without spaces, then a value to the end of the line
 * # a comment                           comments: from '#' to the end of any line; blank lines are ignored
 * alloc 0 24 16                         alloc ID SIZE ALIGN   allocate SIZE bytes aligned to ALIGN (a power of two)
 * realloc 0 48                          realloc ID SIZE       resize live block ID to SIZE bytes, keeping its alignment
 * free 0 tid=2 ns=1500                  free ID               free live block ID
 * write 0 48 8                          write ID OFFSET LENGTH   fault-injected traces only: raw write at the
 *                                                               block's (last) address + OFFSET (may be negative)
 * free-at 0 16 48 8                     free-at ID DELTA SIZE ALIGN   fault-injected traces only: free of the
 *                                                               block's (last) address + DELTA with that layout
 * </pre>
 * Every operation may end with the optional columns {@code tid=N} (the recording thread) and {@code ns=N}
 * (nanoseconds since the start of the recording), in that order. The limits on ids, sizes and alignments are those
 * of {@link TraceLimits}. Whether a {@code free} or {@code realloc} names a live id is checked by
 * {@link ValidatingTraceReader}, not here.
 *
 * <p>Errors name {@code file:line}, what was found and what was expected, e.g.
 * {@code x.trace:7: expected 'alloc ID SIZE ALIGN', found 'alloc 3 16'}.
 *
 * @implSpec Not thread-safe. {@link #next} allocates nothing: it parses the bytes of a fixed line buffer.
 */
public final class TextTraceReader implements TraceReader {

    /** The first line of every text trace of this version. */
    public static final String MAGIC_LINE = "%heaplab-trace 1";
    private static final String MAGIC_PREFIX = "%heaplab-trace";

    private static final byte[] ALLOC = bytes("alloc");
    private static final byte[] FREE = bytes("free");
    private static final byte[] REALLOC = bytes("realloc");
    private static final byte[] WRITE = bytes("write");
    private static final byte[] FREE_AT = bytes("free-at");
    private static final byte[] TID = bytes("tid=");
    private static final byte[] NS = bytes("ns=");
    private static final long NO_NUMBER = Long.MIN_VALUE;

    private final InputStream in;
    private final String fileName;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferLimit;
    private final byte[] line = new byte[TraceLimits.MAX_LINE_BYTES];
    private int lineLength;
    private int cursor;
    private long lineNumber;
    private boolean pendingLine;
    private boolean eof;
    private long opCount;
    private final TraceHeader header;
    private final long declaredOps;
    private final long idCount;

    /**
     * Reads the header; operations follow with {@link #next}.
     *
     * @param in       the (already decompressed) text; closed by {@link #close()}
     * @param fileName the name used in messages
     * @throws TraceFormatException if the first line is not {@value #MAGIC_LINE} or a directive is malformed
     * @throws IOException          if reading fails
     */
    public TextTraceReader(InputStream in, String fileName) throws IOException {
        this.in = in;
        this.fileName = fileName;
        this.header = readHeader();
        this.declaredOps = header.opCount();
        this.idCount = header.idCount();
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public String position() {
        return fileName + ":" + lineNumber;
    }

    @Override
    public boolean next(TraceEvent event) throws IOException {
        while (pendingLine || readLine()) {
            pendingLine = false;
            cursor = 0;
            skipBlanks();
            if (atEndOfFields()) {
                continue;
            }
            if (line[cursor] == '%') {
                throw error("directive '" + token() + "' after the first operation; directives belong before it");
            }
            parseOperation(event);
            if (declaredOps >= 0 && opCount >= declaredOps) {
                throw error("more operations than the header's '%ops " + declaredOps + "'");
            }
            opCount++;
            return true;
        }
        if (declaredOps >= 0 && opCount != declaredOps) {
            throw error("trace ends after " + opCount + " operations but the header says '%ops " + declaredOps
                + "' (truncated file?)");
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void parseOperation(TraceEvent event) {
        int start = cursor;
        int end = tokenEnd();
        if (matches(start, end, ALLOC)) {
            cursor = end;
            long id = number();
            long size = number();
            long align = number();
            if (align == NO_NUMBER) {
                throw expected("alloc ID SIZE ALIGN");
            }
            event.alloc(id, size, align);
        } else if (matches(start, end, FREE)) {
            cursor = end;
            long id = number();
            if (id == NO_NUMBER) {
                throw expected("free ID");
            }
            event.free(id);
        } else if (matches(start, end, REALLOC)) {
            cursor = end;
            long id = number();
            long size = number();
            if (size == NO_NUMBER) {
                throw expected("realloc ID SIZE");
            }
            event.realloc(id, size);
        } else if (matches(start, end, WRITE)) {
            cursor = end;
            long id = number();
            long offset = number();
            long length = number();
            if (length == NO_NUMBER) {
                throw expected("write ID OFFSET LENGTH");
            }
            event.write(id, offset, length);
        } else if (matches(start, end, FREE_AT)) {
            cursor = end;
            long id = number();
            long delta = number();
            long size = number();
            long align = number();
            if (align == NO_NUMBER) {
                throw expected("free-at ID DELTA SIZE ALIGN");
            }
            if (align < 1 || Long.bitCount(align) != 1) {
                throw error("alignment " + align + " is not a power of two in '" + shownLine() + "'");
            }
            event.freeAt(id, delta, size, align);
        } else {
            throw error("unknown operation '" + token() + "'; expected alloc, free or realloc");
        }
        parseOptionalColumns(event);
        String problem = TraceLimits.check(event.kind, event.id, event.byteSize, event.byteAlignment, idCount);
        if (problem != null) {
            throw error(problem + " in '" + shownLine() + "'");
        }
    }

    private void parseOptionalColumns(TraceEvent event) {
        skipBlanks();
        if (!atEndOfFields() && startsWith(TID)) {
            cursor += TID.length;
            event.threadId = unsignedAfterKey("tid");
            skipBlanks();
        }
        if (!atEndOfFields() && startsWith(NS)) {
            cursor += NS.length;
            event.timestampNanos = unsignedAfterKey("ns");
            if (event.timestampNanos > TraceLimits.MAX_TIMESTAMP_NANOS) {
                throw error("timestamp " + event.timestampNanos + " is absurd (limit " + TraceLimits.MAX_TIMESTAMP_NANOS
                    + " ns) in '" + shownLine() + "'");
            }
            skipBlanks();
        }
        if (!atEndOfFields()) {
            throw error("unexpected '" + token() + "' in '" + shownLine() + "'; expected at most 'tid=N ns=N' after "
                + "the operation");
        }
    }

    private long unsignedAfterKey(String key) {
        long value = NO_NUMBER;
        if (cursor < lineLength && isDigit(line[cursor])) {
            value = parseDigits();
        }
        if (value == NO_NUMBER || (cursor < lineLength && !isBlank(line[cursor]) && line[cursor] != '#')) {
            throw error("expected '" + key + "=N' with a non-negative number, found '" + shownLine() + "'");
        }
        return value;
    }

    /** Parses the next blank-separated field as a signed decimal; NO_NUMBER if the line has no more fields. */
    private long number() {
        skipBlanks();
        if (atEndOfFields()) {
            return NO_NUMBER;
        }
        boolean negative = line[cursor] == '-';
        if (negative) {
            cursor++;
        }
        if (cursor >= lineLength || !isDigit(line[cursor])) {
            throw error("expected a number, found '" + token() + "' in '" + shownLine() + "'");
        }
        long value = parseDigits();
        if (cursor < lineLength && !isBlank(line[cursor]) && line[cursor] != '#') {
            throw error("expected a number, found '" + token() + "' in '" + shownLine() + "'");
        }
        return negative ? -value : value;
    }

    private long parseDigits() {
        long value = 0;
        while (cursor < lineLength && isDigit(line[cursor])) {
            int digit = line[cursor] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error("number too large in '" + shownLine() + "'");
            }
            value = value * 10 + digit;
            cursor++;
        }
        return value;
    }

    private TraceHeader readHeader() throws IOException {
        if (!readLine()) {
            throw new TraceFormatException(fileName + ":1", "expected '" + MAGIC_LINE + "', found an empty file");
        }
        String first = decode(0, lineLength).strip();
        if (!first.startsWith(MAGIC_PREFIX)) {
            throw error("expected '" + MAGIC_LINE + "' on the first line, found '" + shownLine() + "'");
        }
        if (!first.equals(MAGIC_LINE)) {
            throw error("unsupported trace version '" + first + "'; this heaplab reads '" + MAGIC_LINE + "'");
        }
        String name = "";
        String source = "";
        long ops = -1;
        long ids = -1;
        Map<String, String> attributes = new HashMap<>();
        while (readLine()) {
            cursor = 0;
            skipBlanks();
            if (atEndOfFields()) {
                continue;
            }
            if (line[cursor] != '%') {
                pendingLine = true;
                break;
            }
            String directive = token();
            cursor = tokenEnd();
            skipBlanks();
            String rest = decode(cursor, lineLength).strip();
            switch (directive) {
                case "%name" -> name = rest;
                case "%source" -> source = rest;
                case "%ops" -> ops = count("ops", rest);
                case "%ids" -> ids = count("ids", rest);
                case "%attr" -> {
                    int space = indexOfBlank(rest);
                    if (rest.isEmpty() || space == 0) {
                        throw error("expected '%attr KEY VALUE', found '" + shownLine() + "'");
                    }
                    if (attributes.size() >= TraceLimits.MAX_ATTRIBUTES) {
                        throw error("more than " + TraceLimits.MAX_ATTRIBUTES + " attributes");
                    }
                    String key = space < 0 ? rest : rest.substring(0, space);
                    attributes.put(key, space < 0 ? "" : rest.substring(space + 1).strip());
                }
                default -> throw error("unknown directive '" + directive
                    + "'; expected %name, %source, %ops, %ids or %attr");
            }
        }
        return new TraceHeader(name, source, ops, ids, attributes);
    }

    private long count(String what, String text) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected '%" + what + " N' with a number, found '" + shownLine() + "'");
        }
        String problem = TraceLimits.checkCount(what, value);
        if (problem != null) {
            throw error(problem);
        }
        return value;
    }

    private static int indexOfBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Reads the next line into {@code line}; false at the end of input. */
    private boolean readLine() throws IOException {
        if (eof) {
            return false;
        }
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (bufferPos == bufferLimit && !refill()) {
                eof = true;
                if (any) {
                    lineNumber++;
                    stripCarriageReturn();
                }
                return any;
            }
            any = true;
            byte b = buffer[bufferPos++];
            if (b == '\n') {
                lineNumber++;
                stripCarriageReturn();
                return true;
            }
            if (lineLength == line.length) {
                lineNumber++;
                throw new TraceFormatException(position(), "line longer than " + TraceLimits.MAX_LINE_BYTES
                    + " bytes; expected one operation per line");
            }
            line[lineLength++] = b;
        }
    }

    private void stripCarriageReturn() {
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
    }

    private boolean refill() throws IOException {
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (Compression.CorruptInputException e) {
            throw new TraceFormatException(fileName + ":" + (lineNumber + 1), e.getMessage());
        }
        if (n <= 0) {
            return false;
        }
        bufferPos = 0;
        bufferLimit = n;
        return true;
    }

    private void skipBlanks() {
        while (cursor < lineLength && isBlank(line[cursor])) {
            cursor++;
        }
    }

    private boolean atEndOfFields() {
        return cursor >= lineLength || line[cursor] == '#';
    }

    private int tokenEnd() {
        int end = cursor;
        while (end < lineLength && !isBlank(line[end])) {
            end++;
        }
        return end;
    }

    private String token() {
        int start = cursor;
        while (start > 0 && !isBlank(line[start - 1])) {
            start--;
        }
        int end = cursor;
        while (end < lineLength && !isBlank(line[end])) {
            end++;
        }
        return sanitize(decode(start, Math.min(end, start + 40)));
    }

    private boolean matches(int start, int end, byte[] word) {
        if (end - start != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (line[start + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(byte[] prefix) {
        if (lineLength - cursor < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[cursor + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private String shownLine() {
        int end = lineLength;
        int hash = 0;
        while (hash < end && line[hash] != '#') {
            hash++;
        }
        String text = decode(0, Math.min(hash, 80)).strip();
        return sanitize(hash > 80 ? text + "..." : text);
    }

    private String decode(int from, int to) {
        return new String(line, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /** Replaces control characters so that a message stays on one line. */
    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private TraceFormatException expected(String form) {
        return error("expected '" + form + "', found '" + shownLine() + "'");
    }

    private TraceFormatException error(String problem) {
        return new TraceFormatException(position(), problem);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
