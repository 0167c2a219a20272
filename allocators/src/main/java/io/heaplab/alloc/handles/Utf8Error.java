package io.heaplab.alloc.handles;

/**
 * Rust's {@code core::str::Utf8Error}: where and how a byte sequence stops being UTF-8.
 *
 * @param validUpTo      length in bytes of the longest valid prefix
 * @param errorByteCount Rust's {@code error_len()}: the length of the invalid sequence (1 to 3), or -1 for
 *                       {@code None}, when the input ended in the middle of a sequence that could still be valid
 */
public record Utf8Error(long validUpTo, int errorByteCount) {

    /** {@return whether the input ended in the middle of a character (Rust: {@code error_len() == None})} */
    public boolean isIncomplete() {
        return errorByteCount < 0;
    }

    /** {@return Rust's {@code Display}, e.g. {@code invalid utf-8 sequence of 1 bytes from index 4}} */
    @Override
    public String toString() {
        return isIncomplete()
            ? "incomplete utf-8 byte sequence from index " + validUpTo
            : "invalid utf-8 sequence of " + errorByteCount + " bytes from index " + validUpTo;
    }
}
