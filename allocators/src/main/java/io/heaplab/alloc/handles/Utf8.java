package io.heaplab.alloc.handles;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * UTF-8 as Rust's {@code core::str} defines it, over bytes in a {@link MemorySegment}: validation with
 * {@code valid_up_to}/{@code error_len}, encoding and decoding of one scalar value, and the {@code Debug} form of a
 * {@code char} used in panic messages.
 *
 * <h2>Validation (Rust's {@code run_utf8_validation})</h2>
 * For each sequence starting at byte {@code b0}:
 * <pre>
 *   b0 00..7F            1 byte
 *   b0 C2..DF            2 bytes: b1 80..BF
 *   b0 E0..EF            3 bytes: b1 A0..BF after E0, 80..9F after ED (no surrogates), else 80..BF; b2 80..BF
 *   b0 F0..F4            4 bytes: b1 90..BF after F0, 80..8F after F4 (max U+10FFFF), else 80..BF; b2, b3 80..BF
 *   anything else        invalid sequence of 1 byte (80..BF, C0, C1 overlong, F5..FF)
 * </pre>
 * The first bad byte at position {@code k} of a sequence makes an invalid sequence of {@code k} bytes (at least 1);
 * running out of input before it makes the sequence incomplete ({@code error_len == None}).
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * {@return the first error in {@code [address, address + byteCount)}, or null if the bytes are UTF-8}
     *
     * @param memory    the bytes' segment
     * @param address   offset of the first byte
     * @param byteCount number of bytes
     */
    static Utf8Error validate(MemorySegment memory, long address, long byteCount) {
        long i = 0;
        while (i < byteCount) {
            int b0 = memory.get(ValueLayout.JAVA_BYTE, address + i) & 0xFF;
            if (b0 < 0x80) {
                i++;
                continue;
            }
            int width = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
            if (width == 0) {
                return new Utf8Error(i, 1);
            }
            for (int k = 1; k < width; k++) {
                if (i + k >= byteCount) {
                    return new Utf8Error(i, -1);
                }
                int b = memory.get(ValueLayout.JAVA_BYTE, address + i + k) & 0xFF;
                if (!(k == 1 ? secondByteOk(b0, b) : b >= 0x80 && b <= 0xBF)) {
                    return new Utf8Error(i, k);
                }
            }
            i += width;
        }
        return null;
    }

    private static boolean secondByteOk(int b0, int b1) {
        return switch (b0) {
            case 0xE0 -> b1 >= 0xA0 && b1 <= 0xBF;
            case 0xED -> b1 >= 0x80 && b1 <= 0x9F;
            case 0xF0 -> b1 >= 0x90 && b1 <= 0xBF;
            case 0xF4 -> b1 >= 0x80 && b1 <= 0x8F;
            default -> b1 >= 0x80 && b1 <= 0xBF;
        };
    }

    /**
     * {@return the number of UTF-8 bytes of {@code codePoint}} Rust's {@code char::len_utf8}.
     *
     * @param codePoint a Unicode scalar value
     * @throws IllegalArgumentException if it is a surrogate or above U+10FFFF (not a Rust {@code char})
     */
    static int encodedLength(int codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT
            || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            throw new IllegalArgumentException("not a Unicode scalar value (a Rust char): U+"
                + Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT));
        }
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * Writes the UTF-8 bytes of {@code codePoint} at {@code address}. Precondition: a valid scalar value and
     * {@link #encodedLength} bytes of room.
     */
    static void encode(MemorySegment memory, long address, int codePoint) {
        int length = encodedLength(codePoint);
        if (length == 1) {
            memory.set(ValueLayout.JAVA_BYTE, address, (byte) codePoint);
            return;
        }
        int leadMarker = 0xF00 >> length;          // 2: 0xC0, 3: 0xE0, 4: 0xF0
        int shift = 6 * (length - 1);
        memory.set(ValueLayout.JAVA_BYTE, address, (byte) ((leadMarker & 0xFF) | (codePoint >> shift)));
        for (int k = 1; k < length; k++) {
            shift -= 6;
            memory.set(ValueLayout.JAVA_BYTE, address + k, (byte) (0x80 | ((codePoint >> shift) & 0x3F)));
        }
    }

    /** {@return the sequence length announced by a leading byte} Precondition: a valid leading byte. */
    static int widthOf(byte leading) {
        int b = leading & 0xFF;
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    /** {@return the scalar value starting at {@code address}} Precondition: valid UTF-8 starts there. */
    static int decode(MemorySegment memory, long address) {
        byte leading = memory.get(ValueLayout.JAVA_BYTE, address);
        int width = widthOf(leading);
        int value = width == 1 ? leading : leading & (0x7F >> width);
        for (int k = 1; k < width; k++) {
            value = (value << 6) | (memory.get(ValueLayout.JAVA_BYTE, address + k) & 0x3F);
        }
        return value;
    }

    /** {@return whether {@code b} starts a character: not a continuation byte} Rust's {@code is_utf8_char_boundary}. */
    static boolean isBoundaryByte(byte b) {
        return b >= -0x40;
    }

    /**
     * {@return Rust's {@code Debug} of a {@code char}, quotes included: {@code 'é'}, {@code '\n'}, {@code '&#92;u{301}'}}
     *
     * @apiNote Rust escapes grapheme extenders and non-printable characters; this uses Java's character types as
     * the approximation (combining and enclosing marks, controls, formats, separators other than space,
     * unassigned and private-use code points).
     */
    static String debugChar(int codePoint) {
        String body = switch (codePoint) {
            case '\0' -> "\\0";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\'' -> "\\'";
            case '\\' -> "\\\\";
            default -> needsEscape(codePoint)
                ? "\\u{" + Integer.toHexString(codePoint) + "}"
                : new String(Character.toChars(codePoint));
        };
        return "'" + body + "'";
    }

    private static boolean needsEscape(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.CONTROL, Character.FORMAT,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED,
                 Character.PRIVATE_USE, Character.SURROGATE -> true;
            case Character.SPACE_SEPARATOR -> codePoint != ' ';
            default -> false;
        };
    }
}
