package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based test: random String operations on every research allocator, compared after every step with a
 * {@link StringBuilder} (contents) and {@link CapacityModel} for 1-byte elements (exact capacity). Seeded.
 */
class RustStringModelTest {

    private static final long SEED = 0xC0FFEEL;
    private static final int EXAMPLES = 150;
    /** 1- to 4-byte UTF-8 characters. */
    private static final int[] CHARS = {'a', 'z', 'é', 'ß', '€', '中', 0x1F600, 0x10348};
    private static final int OPERATIONS = 11;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.handles.ResearchAllocators#names")
    void shouldBehaveLikeStringBuilderWithRustCapacityAfterEveryStep(String name) {
        try (Allocator allocator = ResearchAllocators.create(name)) {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 80))
                .checkAssert(program -> {
                    run(allocator, program);
                    assertEquals(0, allocator.stats().liveBlocks(), "every block freed after the program");
                    allocator.reset();
                });
        }
    }

    private static void run(Allocator allocator, List<Integer> program) {
        StringBuilder model = new StringBuilder();
        CapacityModel cap = new CapacityModel(1, 0);
        try (RustString s = RustString.newIn(allocator)) {
            for (int step = 0; step < program.size(); step++) {
                int op = program.get(step) % OPERATIONS;
                int arg = program.get(step) / OPERATIONS;
                String where = "step " + step + " op " + op + " arg " + arg + " on '" + model + "'";
                apply(s, model, cap, op, arg, where);
                byte[] expected = model.toString().getBytes(StandardCharsets.UTF_8);
                assertEquals(model.toString(), s.asStr(), where);
                assertEquals(expected.length, s.len(), where);
                assertEquals(model.codePointCount(0, model.length()), s.charCount(), where);
                assertEquals(cap.capacity, s.capacity(), where);
            }
        }
    }

    private static void apply(RustString s, StringBuilder model, CapacityModel cap, int op, int arg, String where) {
        int codePoint = CHARS[arg % CHARS.length];
        long len = utf8(model);
        switch (op) {
            case 0, 1 -> {
                cap.reserve(len, Character.toString(codePoint).getBytes(StandardCharsets.UTF_8).length);
                s.push(codePoint);
                model.appendCodePoint(codePoint);
            }
            case 2 -> {
                String text = Character.toString(codePoint).repeat(arg % 4);
                cap.reserve(len, utf8(new StringBuilder(text)));
                s.pushStr(text);
                model.append(text);
            }
            case 3 -> {
                int chars = model.codePointCount(0, model.length());
                int charIndex = arg % (chars + 1);
                long byteIndex = byteOffset(model, charIndex);
                if (byteIndex < len && arg % 2 == 0 && !s.isCharBoundary(byteIndex + 1)) {
                    assertThrows(PanicException.class, () -> s.insert(byteIndex + 1, codePoint), where);
                } else {
                    cap.reserve(len, Character.toString(codePoint).getBytes(StandardCharsets.UTF_8).length);
                    s.insert(byteIndex, codePoint);
                    model.insert(model.offsetByCodePoints(0, charIndex), Character.toString(codePoint));
                }
            }
            case 4 -> {
                int chars = model.codePointCount(0, model.length());
                if (chars > 0) {
                    int charIndex = arg % chars;
                    int at = model.offsetByCodePoints(0, charIndex);
                    assertEquals(model.codePointAt(at), s.remove(byteOffset(model, charIndex)), where);
                    model.delete(at, at + Character.charCount(model.codePointAt(at)));
                }
            }
            case 5 -> {
                if (model.isEmpty()) {
                    assertEquals(java.util.OptionalInt.empty(), s.pop(), where);
                } else {
                    int last = model.codePointBefore(model.length());
                    assertEquals(last, s.pop().orElseThrow(), where);
                    model.setLength(model.length() - Character.charCount(last));
                }
            }
            case 6 -> {
                int chars = model.codePointCount(0, model.length());
                int keep = arg % (chars + 1);
                s.truncate(byteOffset(model, keep));
                model.setLength(model.offsetByCodePoints(0, keep));
            }
            case 7 -> {
                int chars = model.codePointCount(0, model.length());
                int at = arg % (chars + 1);
                try (RustString tail = s.splitOff(byteOffset(model, at))) {
                    String expected = model.substring(model.offsetByCodePoints(0, at));
                    assertEquals(expected, tail.asStr(), where);
                    assertEquals(utf8(new StringBuilder(expected)), tail.capacity(), where);
                }
                model.setLength(model.offsetByCodePoints(0, at));
            }
            case 8 -> {
                cap.reserve(len, arg % 9);
                s.reserve(arg % 9);
            }
            case 9 -> {
                cap.shrinkTo(len, 0);
                s.shrinkToFit();
            }
            default -> {
                if (arg % 3 == 0) {
                    s.clear();
                    model.setLength(0);
                }
            }
        }
    }

    private static long utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static long byteOffset(StringBuilder model, int charIndex) {
        return utf8(model.subSequence(0, model.offsetByCodePoints(0, charIndex)));
    }
}
