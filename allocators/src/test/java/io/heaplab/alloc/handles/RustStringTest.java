package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.MisuseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rust-rules.md §3 (S1–S11): String on every research allocator, with Rust's exact panic texts. */
class RustStringTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";
    private static final String HELLO = "héllo";

    private static String panic(Runnable action) {
        return assertThrows(PanicException.class, action::run).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldCountBytesNotChars(String name) {
        try (Allocator a = ResearchAllocators.create(name); RustString s = RustString.from(a, HELLO)) {
            assertEquals(6, s.len(), "S1");
            assertEquals(5, s.charCount());
            assertArrayEquals(new byte[] {104, (byte) 195, (byte) 169, 108, 108, 111}, s.asBytes());
            assertEquals(6, s.capacity(), "String::from: cap == len");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldGrowLikeVecOfBytes(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            for (int codePoint : new int[] {'a', 'é', 0x1F600}) {
                try (RustString s = RustString.newIn(a)) {
                    assertEquals(1, s.address(), "G7: String::new is dangling at 0x1");
                    s.push(codePoint);
                    assertEquals(Character.toString(codePoint).getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                        s.len());
                    assertEquals(8, s.capacity(), "S2");
                }
            }
            try (RustString s = RustString.from(a, "abc")) {
                s.pushStr("defgh");
                assertEquals(8, s.capacity(), "S3: max(6, 8, 8)");
                assertEquals("abcdefgh", s.asStr());
            }
            try (RustString s = RustString.withCapacityIn(a, 10)) {
                assertEquals(10, s.capacity(), "S11");
                s.pushStr("abc");
                s.shrinkToFit();
                assertEquals(3, s.capacity());
                s.clear();
                assertEquals(3, s.capacity(), "clear keeps capacity");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldPopAndRemoveWholeChars(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            try (RustString s = RustString.from(a, HELLO)) {
                assertEquals(OptionalInt.of('o'), s.pop(), "S4");
                assertEquals("héll", s.asStr());
            }
            try (RustString s = RustString.from(a, "é")) {
                assertEquals(OptionalInt.of('é'), s.pop());
                assertEquals(0, s.len());
                assertEquals(OptionalInt.empty(), s.pop());
            }
            try (RustString s = RustString.from(a, HELLO)) {
                assertEquals('é', s.remove(1), "S5");
                assertEquals("hllo", s.asStr());
                assertEquals(6, s.capacity());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldPanicLikeRustOnBadRemove(String name) {
        try (Allocator a = ResearchAllocators.create(name);
             RustString abc = RustString.from(a, "abc");
             RustString hello = RustString.from(a, HELLO)) {
            assertEquals("cannot remove a char from the end of a string", panic(() -> abc.remove(3)));
            assertEquals("start byte index 4 is out of bounds of `abc`", panic(() -> abc.remove(4)));
            assertEquals("start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`",
                panic(() -> hello.remove(2)));
            assertEquals(HELLO, hello.asStr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldInsertOnlyAtCharBoundaries(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            try (RustString s = RustString.from(a, HELLO)) {
                s.insert(1, 'X');
                assertEquals("hXéllo", s.asStr(), "S6");
            }
            try (RustString s = RustString.from(a, HELLO)) {
                s.insert(3, 'ß');
                assertEquals("héßllo", s.asStr());
                assertEquals(8, s.len());
                s.insert(8, 'd');
                assertEquals("héßllod", s.asStr(), "insert(len) appends");
                s.insertStr(0, "¡");
                assertEquals("¡héßllod", s.asStr());
                assertEquals("assertion failed: self.is_char_boundary(idx)", panic(() -> s.insert(1, 'Y')));
                assertEquals("assertion failed: self.is_char_boundary(idx)", panic(() -> s.insert(99, 'Y')));
                assertEquals("assertion failed: self.is_char_boundary(idx)", panic(() -> s.insertStr(4, "Y")));
                assertEquals("¡héßllod", s.asStr());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldTruncateSplitAndDrainAtBoundariesOnly(String name) {
        try (Allocator a = ResearchAllocators.create(name); RustString s = RustString.from(a, HELLO)) {
            assertEquals("assertion failed: self.is_char_boundary(new_len)", panic(() -> s.truncate(2)));
            assertEquals("assertion failed: self.is_char_boundary(at)", panic(() -> s.splitOff(2)));
            assertEquals("assertion failed: self.is_char_boundary(end)", panic(() -> s.drain(0, 2)));
            assertEquals("assertion failed: self.is_char_boundary(start)", panic(() -> s.drain(2, 3)));
            assertEquals("range end index 7 out of range for slice of length 6", panic(() -> s.drain(0, 7)));
            s.truncate(10);
            assertEquals(HELLO, s.asStr(), "truncate beyond len is a no-op");
            try (RustString tail = s.splitOff(3)) {
                assertEquals("llo", tail.asStr());
                assertEquals(3, tail.capacity());
            }
            assertEquals("hé", s.asStr());
            s.pushStr("llo");
            assertEquals("é", s.drain(1, 3));
            s.truncate(3);
            assertEquals("hll", s.asStr(), "S7");
            assertEquals(6, s.capacity(), "S7: capacity unchanged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldPanicLikeRustOnBadSlices(String name) {
        try (Allocator a = ResearchAllocators.create(name);
             RustString hello = RustString.from(a, HELLO);
             RustString abc = RustString.from(a, "abc");
             RustString e = RustString.from(a, "é");
             RustString longText = RustString.from(a, "é".repeat(200))) {
            assertEquals("end byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`",
                panic(() -> hello.slice(0, 2)), "S8");
            assertEquals("end byte index 5 is out of bounds of `abc`", panic(() -> abc.slice(0, 5)));
            assertEquals("start byte index 1 is not a char boundary; it is inside 'é' (bytes 0..2) of `é`",
                panic(() -> e.slice(1, 2)));
            assertEquals("begin <= end (2 <= 1) when slicing `abc`", panic(() -> abc.slice(2, 1)));
            assertEquals("end byte index 401 is out of bounds of `" + "é".repeat(128) + "`[...]",
                panic(() -> longText.slice(0, 401)), "cut at 256 bytes");
            assertEquals("él", hello.slice(1, 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportCharBoundariesLikeRust(String name) {
        try (Allocator a = ResearchAllocators.create(name); RustString s = RustString.from(a, HELLO)) {
            List<Boolean> boundaries = new ArrayList<>();
            for (int i = 0; i <= 7; i++) {
                boundaries.add(s.isCharBoundary(i));
            }
            assertEquals(List.of(true, true, false, true, true, true, true, false), boundaries, "S9");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldKeepTheBufferWhenBytesAreUtf8(String name) throws FromUtf8Exception {
        try (Allocator a = ResearchAllocators.create(name)) {
            ByteVec bytes = ByteVec.withCapacityIn(a, 10);
            bytes.extendFrom((byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80);
            long address = bytes.address();
            try (RustString s = RustString.fromUtf8(bytes)) {
                assertFalse(bytes.isLive(), "from_utf8 moves the bytes");
                assertEquals("😀", s.asStr());
                assertEquals(4, s.len());
                assertEquals(1, s.charCount());
                assertEquals(10, s.capacity(), "S10: capacity kept");
                assertEquals(address, s.address(), "S10: no reallocation");
                assertEquals(0, s.stats().reallocations());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUtf8ErrorsLikeRust(String name) {
        int[][] cases = {
            {0x68, 0xC3, 0xA9, 0x6C, 0xFF, 0x6F}, {0x61, 0xC3}, {0xE2, 0x82, 0x61}, {0xF0, 0x9F, 0x98},
            {0x80}, {0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80},
        };
        Utf8Error[] expected = {
            new Utf8Error(4, 1), new Utf8Error(1, -1), new Utf8Error(0, 2), new Utf8Error(0, -1),
            new Utf8Error(0, 1), new Utf8Error(0, 1), new Utf8Error(0, 1), new Utf8Error(0, 1),
        };
        String[] display = {
            "invalid utf-8 sequence of 1 bytes from index 4", "incomplete utf-8 byte sequence from index 1",
            "invalid utf-8 sequence of 2 bytes from index 0", "incomplete utf-8 byte sequence from index 0",
        };
        try (Allocator a = ResearchAllocators.create(name)) {
            for (int c = 0; c < cases.length; c++) {
                byte[] raw = new byte[cases[c].length];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) cases[c][i];
                }
                ByteVec bytes = ByteVec.of(a, raw);
                FromUtf8Exception error = assertThrows(FromUtf8Exception.class, () -> RustString.fromUtf8(bytes));
                assertEquals(expected[c], error.utf8Error(), "case " + c);
                if (c < display.length) {
                    assertEquals(display[c], error.getMessage());
                }
                assertArrayEquals(raw, error.asBytes());
                try (ByteVec back = error.intoBytes()) {
                    assertArrayEquals(raw, back.toArray(), "into_bytes gives the bytes back");
                }
            }
            assertEquals(0, a.stats().liveBlocks());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReplaceInvalidSequencesLossily(String name) {
        try (Allocator a = ResearchAllocators.create(name);
             RustString s = RustString.fromUtf8Lossy(a, new byte[] {0x68, (byte) 0xFF, 0x69});
             RustString incomplete = RustString.fromUtf8Lossy(a, new byte[] {0x61, (byte) 0xF0, (byte) 0x9F})) {
            assertEquals("h\uFFFDi", s.asStr());
            assertEquals("a\uFFFD", incomplete.asStr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldRejectUseOfMovedString(String name) {
        try (Allocator a = ResearchAllocators.create(name); RustString s = RustString.from(a, "x")) {
            long address = s.address();
            long capacity = s.capacity();
            try (ByteVec bytes = s.intoBytes()) {
                assertEquals(1, bytes.len());
                OwnershipException misuse = assertThrows(OwnershipException.class, () -> s.pushStr("y"));
                assertEquals(MisuseKind.USE_AFTER_MOVE, misuse.kind());
                assertEquals("use of moved value: " + s.handleName() + " (block 0x" + Long.toHexString(address) + ", "
                    + capacity + " B, align 1) in push_str", misuse.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> RustString.from(a, "\uD800"));
        }
    }
}
