package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Rust's {@code String}: UTF-8 bytes in a {@link ByteVec} on a heaplab allocator (rust-rules.md §3, S1–S11).
 * Named {@code RustString} to keep clear of {@link java.lang.String}; its handle name is {@code String@id}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>The bytes are always valid UTF-8: every mutation checks char boundaries first, with Rust's panic text
 *       ({@code assertion failed: self.is_char_boundary(idx)}, {@code start byte index 2 is not a char boundary;
 *       it is inside 'é' (bytes 1..3) of `héllo`}), and changes nothing when a check fails.</li>
 *   <li>Capacity is a {@code Vec<u8>}'s: growth starts at 8 bytes and doubles; {@code from} has capacity equal to
 *       the length; {@code truncate}, {@code clear}, {@code remove}, {@code pop} keep it.</li>
 *   <li>{@link #len()} counts bytes, {@link #charCount()} scalar values (Rust {@code char}s).</li>
 * </ul>
 * <h2>Non-guarantees</h2>
 * <ul>
 *   <li>Java strings passed in must be valid UTF-16 (no unpaired surrogates): Rust's {@code &str} cannot hold
 *       them, so they are rejected with {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class RustString extends Handle {

    /** Rust truncates the string in slice panic messages to this many bytes (then adds {@code [...]}). */
    private static final int MAX_DISPLAY_BYTES = 256;

    /** The owned bytes; never exposed except by {@link #intoBytes()}, which moves them. */
    private final ByteVec bytes;

    private RustString(ByteVec bytes) {
        super("String");
        this.bytes = bytes;
    }

    /**
     * {@return an empty string that allocates nothing until written} Rust's {@code String::new}.
     *
     * @param allocator where the bytes will live
     */
    public static RustString newIn(Allocator allocator) {
        return new RustString(ByteVec.newIn(allocator));
    }

    /**
     * {@return an empty string with room for exactly {@code byteCapacity} bytes} Rust's {@code String::with_capacity}.
     *
     * @param allocator    where the bytes will live
     * @param byteCapacity capacity in bytes (unsigned)
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public static RustString withCapacityIn(Allocator allocator, long byteCapacity) {
        return new RustString(ByteVec.withCapacityIn(allocator, byteCapacity));
    }

    /**
     * {@return a string holding {@code text}, capacity equal to its UTF-8 length} Rust's {@code String::from}.
     *
     * @param allocator where the bytes will live
     * @param text      the contents
     * @throws IllegalArgumentException  if {@code text} has an unpaired surrogate
     * @throws AllocationFailedException if the allocator fails
     */
    public static RustString from(Allocator allocator, String text) {
        RustString s = withCapacityIn(allocator, utf8Length(text));
        s.pushStr(text);
        return s;
    }

    /**
     * {@return a string that takes over {@code utf8} without copying or reallocating, capacity kept}
     * Rust's {@code String::from_utf8}; {@code utf8} is moved in either case.
     *
     * @param utf8 the bytes; moved
     * @throws FromUtf8Exception  if they are not UTF-8; it owns the bytes and gives them back
     * @throws OwnershipException if {@code utf8} is not live
     */
    public static RustString fromUtf8(ByteVec utf8) throws FromUtf8Exception {
        ByteVec owned = utf8.moveTo();
        Utf8Error error = Utf8.validate(owned.memory, owned.buf.address, owned.len);
        if (error != null) {
            throw new FromUtf8Exception(owned, error);
        }
        return new RustString(owned);
    }

    /**
     * {@return {@code input} decoded with each invalid sequence replaced by U+FFFD} Rust's
     * {@code String::from_utf8_lossy(..).into_owned()}: capacity {@code input.length}, more only if replacements
     * need it.
     *
     * @param allocator where the bytes will live
     * @param input     any bytes
     * @throws AllocationFailedException if the allocator fails
     */
    public static RustString fromUtf8Lossy(Allocator allocator, byte[] input) {
        MemorySegment source = MemorySegment.ofArray(input);
        RustString s = withCapacityIn(allocator, input.length);
        long at = 0;
        while (at < input.length) {
            Utf8Error error = Utf8.validate(source, at, input.length - at);
            long valid = error == null ? input.length - at : error.validUpTo();
            MemorySegment.copy(source, at, s.bytes.memory, s.bytes.extendSlots("push_str", valid), valid);
            at += valid;
            if (error != null) {
                s.push(0xFFFD);
                at += error.isIncomplete() ? input.length - at : error.errorByteCount();
            }
        }
        return s;
    }

    /** {@return the length in bytes} Rust's {@code len()} (S1). */
    public long len() {
        checkLive("len");
        return bytes.len;
    }

    /** {@return whether the string is empty} */
    public boolean isEmpty() {
        return len() == 0;
    }

    /** {@return the number of {@code char}s (Unicode scalar values)} Rust's {@code chars().count()}. */
    public long charCount() {
        checkLive("chars");
        long count = 0;
        for (long i = 0; i < bytes.len; i++) {
            if (Utf8.isBoundaryByte(byteAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** {@return the capacity in bytes} */
    public long capacity() {
        checkLive("capacity");
        return bytes.buf.capacity;
    }

    /** {@return the block address, or 1 (dangling) while unallocated} */
    public long address() {
        checkLive("as_ptr");
        return bytes.buf.address;
    }

    @Override
    public HandleStats stats() {
        return bytes.stats();
    }

    /**
     * {@return whether byte index {@code index} starts a char or is the end} Rust's {@code is_char_boundary} (S9).
     *
     * @param index byte index (unsigned)
     */
    public boolean isCharBoundary(long index) {
        checkLive("is_char_boundary");
        return boundary(index);
    }

    private boolean boundary(long index) {
        if (index == 0 || index == bytes.len) {
            return true;
        }
        return Long.compareUnsigned(index, bytes.len) < 0 && Utf8.isBoundaryByte(byteAt(index));
    }

    private byte byteAt(long index) {
        return bytes.memory.get(ValueLayout.JAVA_BYTE, bytes.buf.address + index);
    }

    /**
     * Appends one char (S2): reserves its 1–4 bytes with amortized growth.
     *
     * @param codePoint a Unicode scalar value
     * @throws IllegalArgumentException  if it is a surrogate or above U+10FFFF
     * @throws AllocationFailedException if the allocator fails
     */
    public void push(int codePoint) {
        checkLive("push");
        int length = Utf8.encodedLength(codePoint);
        Utf8.encode(bytes.memory, bytes.extendSlots("push", length), codePoint);
    }

    /**
     * Appends {@code text} (S3): one amortized reservation of its UTF-8 length, like {@code Vec<u8>::extend_from_slice}.
     *
     * @param text the text
     * @throws IllegalArgumentException  if {@code text} has an unpaired surrogate
     * @throws AllocationFailedException if the allocator fails
     */
    public void pushStr(String text) {
        checkLive("push_str");
        long at = bytes.extendSlots("push_str", utf8Length(text));
        encodeAll(text, at);
    }

    /**
     * Inserts one char at byte index {@code index} (S6).
     *
     * @param index     a char boundary
     * @param codePoint a Unicode scalar value
     * @throws PanicException            {@code assertion failed: self.is_char_boundary(idx)} if {@code index} is not
     *                                   a char boundary or exceeds the length
     * @throws IllegalArgumentException  if {@code codePoint} is not a scalar value
     * @throws AllocationFailedException if the allocator fails
     */
    public void insert(long index, int codePoint) {
        checkLive("insert");
        assertBoundary(index, "idx");
        Utf8.encode(bytes.memory, bytes.insertSlots(index, Utf8.encodedLength(codePoint)), codePoint);
    }

    /**
     * Inserts {@code text} at byte index {@code index} (S6).
     *
     * @param index a char boundary
     * @param text  the text
     * @throws PanicException            {@code assertion failed: self.is_char_boundary(idx)}
     * @throws IllegalArgumentException  if {@code text} has an unpaired surrogate
     * @throws AllocationFailedException if the allocator fails
     */
    public void insertStr(long index, String text) {
        checkLive("insert_str");
        assertBoundary(index, "idx");
        encodeAll(text, bytes.insertSlots(index, utf8Length(text)));
    }

    /**
     * {@return the char at byte index {@code index}, removed; later bytes shift left} Rust's {@code remove} (S5).
     *
     * @param index byte index of a char
     * @throws PanicException {@code cannot remove a char from the end of a string} if {@code index == len};
     *                        {@code start byte index I is out of bounds of `s`} if {@code index > len};
     *                        {@code start byte index I is not a char boundary; it is inside ...} otherwise
     */
    public int remove(long index) {
        checkLive("remove");
        checkSlice(index, bytes.len);
        if (index == bytes.len) {
            throw new PanicException("cannot remove a char from the end of a string");
        }
        int codePoint = Utf8.decode(bytes.memory, bytes.buf.address + index);
        bytes.removeRange(index, index + Utf8.encodedLength(codePoint));
        return codePoint;
    }

    /** {@return the last char, removed, or empty} Rust's {@code pop} (S4). */
    public OptionalInt pop() {
        checkLive("pop");
        if (bytes.len == 0) {
            return OptionalInt.empty();
        }
        long start = bytes.len - 1;
        while (!Utf8.isBoundaryByte(byteAt(start))) {
            start--;
        }
        int codePoint = Utf8.decode(bytes.memory, bytes.buf.address + start);
        bytes.len = start;
        return OptionalInt.of(codePoint);
    }

    /**
     * Keeps the first {@code newLen} bytes; no-op if {@code newLen >= len}; capacity kept (S7).
     *
     * @param newLen the new byte length
     * @throws PanicException {@code assertion failed: self.is_char_boundary(new_len)} if not a char boundary
     */
    public void truncate(long newLen) {
        checkLive("truncate");
        if (Long.compareUnsigned(newLen, bytes.len) <= 0) {
            assertBoundary(newLen, "new_len");
            bytes.len = newLen;
        }
    }

    /** Empties the string; capacity kept. */
    public void clear() {
        checkLive("clear");
        bytes.len = 0;
    }

    /**
     * {@return the bytes from {@code at} on, in a new string of exactly that capacity; this keeps the rest} (S7)
     *
     * @param at a char boundary
     * @throws PanicException            {@code assertion failed: self.is_char_boundary(at)}
     * @throws AllocationFailedException if the allocator fails
     */
    public RustString splitOff(long at) {
        checkLive("split_off");
        assertBoundary(at, "at");
        return new RustString(bytes.splitOff(at));
    }

    /**
     * {@return bytes {@code [from, to)} as text, removed from this string} Rust's {@code drain(from..to)}; capacity kept.
     *
     * @param from start byte index, a char boundary
     * @param to   end byte index, a char boundary
     * @throws PanicException {@code slice index starts at F but ends at T},
     *                        {@code range end index T out of range for slice of length L},
     *                        {@code assertion failed: self.is_char_boundary(start)} or {@code ...(end)}
     */
    public String drain(long from, long to) {
        checkLive("drain");
        bytes.checkRange(from, to);
        assertBoundary(from, "start");
        assertBoundary(to, "end");
        String text = decode(from, to);
        bytes.removeRange(from, to);
        return text;
    }

    /**
     * {@return bytes {@code [from, to)} as text} Rust's {@code &s[from..to]} (S8).
     *
     * @param from start byte index
     * @param to   end byte index
     * @throws PanicException {@code start byte index F is out of bounds of `s`} / {@code end byte index ...} if past
     *                        the end; {@code begin <= end (F <= T) when slicing `s`} if reversed;
     *                        {@code start|end byte index I is not a char boundary; it is inside 'c' (bytes a..b) of `s`}
     */
    public String slice(long from, long to) {
        checkLive("index");
        checkSlice(from, to);
        return decode(from, to);
    }

    /** {@return the contents as a Java string} Rust's {@code as_str()}. */
    public String asStr() {
        checkLive("as_str");
        return decode(0, bytes.len);
    }

    /** {@return a copy of the UTF-8 bytes} Rust's {@code as_bytes()}. */
    public byte[] asBytes() {
        checkLive("as_bytes");
        return bytes.toArray();
    }

    /**
     * Reserves room for at least {@code additional} more bytes (amortized).
     *
     * @param additional bytes (unsigned)
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public void reserve(long additional) {
        checkLive("reserve");
        bytes.reserve(additional);
    }

    /**
     * Reserves room for exactly {@code additional} more bytes when growth is needed.
     *
     * @param additional bytes (unsigned)
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public void reserveExact(long additional) {
        checkLive("reserve_exact");
        bytes.reserveExact(additional);
    }

    /**
     * Shrinks the capacity to the length (S11).
     *
     * @throws AllocationFailedException if the allocator fails
     */
    public void shrinkToFit() {
        checkLive("shrink_to_fit");
        bytes.shrinkToFit();
    }

    /**
     * {@return the bytes, moved out without copying; this string is then moved} Rust's {@code into_bytes()}.
     *
     * @throws OwnershipException if this string is not live
     */
    public ByteVec intoBytes() {
        markMoved("into_bytes");
        return bytes.moveTo();
    }

    /**
     * {@return the new owner of this string's buffer; this handle is then moved}
     *
     * @throws OwnershipException if this string is not live
     */
    public RustString moveTo() {
        markMoved("move");
        return new RustString(bytes);
    }

    /**
     * {@return a copy with capacity equal to the length} Rust's {@code clone()}.
     *
     * @throws AllocationFailedException if the allocator fails
     */
    @Override
    public RustString clone() {
        checkLive("clone");
        return new RustString(bytes.clone());
    }

    @Override
    long ownedBlockAddress() {
        return bytes.ownedBlockAddress();
    }

    @Override
    long ownedBlockByteSize() {
        return bytes.ownedBlockByteSize();
    }

    @Override
    long ownedBlockAlignment() {
        return bytes.ownedBlockAlignment();
    }

    @Override
    void drop() {
        bytes.close();
    }

    /** Rust's {@code str} slicing checks ({@code slice_error_fail}), in its order. */
    private void checkSlice(long begin, long end) {
        long len = bytes.len;
        if (Long.compareUnsigned(begin, len) > 0 || Long.compareUnsigned(end, len) > 0) {
            boolean startOut = Long.compareUnsigned(begin, len) > 0;
            throw new PanicException((startOut ? "start" : "end") + " byte index "
                + PanicException.u(startOut ? begin : end) + " is out of bounds of " + shown());
        }
        if (begin > end) {
            throw new PanicException("begin <= end (" + begin + " <= " + end + ") when slicing " + shown());
        }
        boolean startBad = !boundary(begin);
        if (startBad || !boundary(end)) {
            long index = startBad ? begin : end;
            long charStart = index;
            while (!Utf8.isBoundaryByte(byteAt(charStart))) {
                charStart--;
            }
            int codePoint = Utf8.decode(bytes.memory, bytes.buf.address + charStart);
            throw new PanicException((startBad ? "start" : "end") + " byte index " + index
                + " is not a char boundary; it is inside " + Utf8.debugChar(codePoint) + " (bytes " + charStart
                + ".." + (charStart + Utf8.encodedLength(codePoint)) + ") of " + shown());
        }
    }

    /** {@return the string as Rust shows it in panic messages: in backticks, cut at 256 bytes with [...]} */
    private String shown() {
        long cut = Math.min(bytes.len, MAX_DISPLAY_BYTES);
        while (!boundary(cut)) {
            cut--;
        }
        return "`" + decode(0, cut) + "`" + (cut < bytes.len ? "[...]" : "");
    }

    private void assertBoundary(long index, String name) {
        if (!boundary(index)) {
            throw new PanicException("assertion failed: self.is_char_boundary(" + name + ")");
        }
    }

    private String decode(long from, long to) {
        return new String(bytes.memory.asSlice(bytes.buf.address + from, to - from).toArray(ValueLayout.JAVA_BYTE),
            StandardCharsets.UTF_8);
    }

    private void encodeAll(String text, long address) {
        long at = address;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            Utf8.encode(bytes.memory, at, codePoint);
            at += Utf8.encodedLength(codePoint);
            i += Character.charCount(codePoint);
        }
    }

    /** {@return the UTF-8 length of {@code text}} Checks every code point before anything is written. */
    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            length += Utf8.encodedLength(codePoint);
            i += Character.charCount(codePoint);
        }
        return length;
    }
}
