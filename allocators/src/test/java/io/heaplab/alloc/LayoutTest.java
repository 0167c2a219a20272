package io.heaplab.alloc;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Every rule of rust-rules.md §1 (Rust 1.95 {@code core::alloc::Layout}, R1–R12) for {@link Layout}, with the
 * overflow edges, plus property tests that compare each combinator with the same rule evaluated in exact
 * ({@link BigInteger}) arithmetic.
 *
 * <p>Java differs from Rust in three documented ways, each tested and commented where it shows:
 * <ul>
 *   <li>Rust sizes are {@code usize}; a Java size above {@link Long#MAX_VALUE} ({@code isize::MAX}) is a negative
 *       {@code long} and is rejected, exactly as Rust rejects sizes above {@code isize::MAX}.</li>
 *   <li>Rust allows alignment 2<sup>63</sup> (then only size 0 is valid); Java's positive {@code long} cannot hold
 *       it ({@code 1L << 63 == Long.MIN_VALUE}), so {@link Layout#MAX_ALIGN} is 2<sup>62</sup> and
 *       {@code Long.MIN_VALUE} is rejected as a negative alignment.</li>
 *   <li>Rust's {@code padding_needed_for} / {@code align_to} take an {@code Alignment} type that cannot be invalid;
 *       Java takes a {@code long} and throws {@link LayoutException} for a non-power-of-two.</li>
 * </ul>
 */
class LayoutTest {

    private static final String MESSAGE = "invalid parameters to Layout::from_size_align";
    /** Rust's {@code isize::MAX + 1} = 2^63, the bound of R1: size ≤ 2^63 − align. */
    private static final BigInteger TWO_POW_63 = BigInteger.ONE.shiftLeft(63);
    private static final long TWO_POW_62 = 1L << 62;
    private static final long SEED = Long.getLong("heaplab.seed", 0x5EED_1A40_07L);
    private static final int PROPERTY_EXAMPLES = 2_000;

    /** {@return the largest size valid with {@code align} by R1: 2^63 − align} */
    private static long maxSizeFor(long align) {
        return Long.MAX_VALUE - align + 1;
    }

    private static LayoutException assertLayoutError(Executable executable) {
        LayoutException e = assertThrows(LayoutException.class, executable);
        assertEquals(MESSAGE, e.getMessage());
        return e;
    }

    private static void assertLayout(long size, long align, Layout layout) {
        assertEquals(Layout.fromSizeAlign(size, align), layout,
            () -> "expected Layout { size: " + size + ", align: " + align + " }, got " + layout);
    }

    // ---------------------------------------------------------------- R1 from_size_align

    @Nested
    class FromSizeAlign {

        @Test
        void shouldStoreSizeAndAlignWhenValid() {
            Layout layout = Layout.fromSizeAlign(12, 4);
            assertAll(
                () -> assertEquals(12, layout.size()),
                () -> assertEquals(4, layout.align()),
                () -> assertEquals(12, layout.byteSize()),
                () -> assertEquals(4, layout.byteAlignment()));
        }

        @Test
        void shouldAcceptSizeThatIsNotAMultipleOfAlign() {
            assertEquals(5, Layout.fromSizeAlign(5, 4).size());
            assertEquals(1, Layout.fromSizeAlign(1, 4096).size());
        }

        @Test
        void shouldAcceptZeroSizeWithAnyValidAlign() {
            for (int shift = 0; shift <= 62; shift++) {
                assertEquals(1L << shift, Layout.fromSizeAlign(0, 1L << shift).align());
            }
        }

        @Test
        void shouldRejectZeroAlignWithRustMessage() {
            LayoutException e = assertLayoutError(() -> Layout.fromSizeAlign(8, 0));
            assertEquals(8, e.byteSize());
            assertEquals(0, e.byteAlignment());
        }

        @ParameterizedTest
        @ValueSource(longs = {3, 5, 6, 7, 12, 24, 4095, 4097, (1L << 62) + 1, Long.MAX_VALUE})
        void shouldRejectAlignThatIsNotAPowerOfTwo(long align) {
            LayoutException e = assertLayoutError(() -> Layout.fromSizeAlign(0, align));
            assertEquals(align, e.byteAlignment());
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, -2, -4, -4096, -(1L << 62)})
        void shouldRejectNegativeAlign(long align) {
            assertLayoutError(() -> Layout.fromSizeAlign(0, align));
        }

        @Test
        void shouldRejectAlignTwoPow63WhichRustAccepts() {
            // Rust: Layout::from_size_align(0, 1 << 63) is Ok (usize align). Java's 1L << 63 is Long.MIN_VALUE,
            // a negative number, so heaplab's largest alignment is MAX_ALIGN = 2^62.
            assertEquals(Long.MIN_VALUE, 1L << 63);
            assertLayoutError(() -> Layout.fromSizeAlign(0, 1L << 63));
            assertEquals(TWO_POW_62, Layout.MAX_ALIGN);
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, -8, Long.MIN_VALUE})
        void shouldRejectNegativeSizeAsRustRejectsSizesAboveIsizeMax(long size) {
            // -1 is Rust's usize::MAX, Long.MIN_VALUE is isize::MAX + 1: both fail R1.
            LayoutException e = assertLayoutError(() -> Layout.fromSizeAlign(size, 8));
            assertEquals(size, e.byteSize());
            assertEquals(8, e.byteAlignment());
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 8, 16, 4096, 1L << 20, 1L << 40, 1L << 61, 1L << 62})
        void shouldAcceptLargestSizeForAlignAndRejectOneMore(long align) {
            long largest = maxSizeFor(align);
            Layout layout = Layout.fromSizeAlign(largest, align);
            assertEquals(largest, layout.size());
            // largest + 1 rounds up to 2^63 > isize::MAX (for align 1 it overflows to Long.MIN_VALUE).
            assertLayoutError(() -> Layout.fromSizeAlign(largest + 1, align));
            assertTrue(Layout.isValid(largest, align));
            assertFalse(Layout.isValid(largest + 1, align));
        }

        @Test
        void shouldAcceptLongMaxValueOnlyWithAlignOne() {
            assertEquals(Long.MAX_VALUE, Layout.fromSizeAlign(Long.MAX_VALUE, 1).size());
            assertLayoutError(() -> Layout.fromSizeAlign(Long.MAX_VALUE, 2));
        }

        @Test
        void shouldAcceptMaxAlignWithSizeUpToTwoPow62() {
            assertEquals(TWO_POW_62, Layout.fromSizeAlign(TWO_POW_62, Layout.MAX_ALIGN).size());
            assertLayoutError(() -> Layout.fromSizeAlign(TWO_POW_62 + 1, Layout.MAX_ALIGN));
        }

        @Test
        void shouldBuildTheSameLayoutThroughOfAsThroughFromSizeAlign() {
            // R4: Layout::new::<T>() == L(size_of T, align_of T); Java passes the type's size and alignment.
            assertEquals(Layout.fromSizeAlign(4, 4), Layout.of(4, 4));
            assertEquals(Layout.fromSizeAlign(0, 1), Layout.of(0, 1));
            assertLayoutError(() -> Layout.of(4, 3));
        }

        @Test
        void shouldThrowFromCheckExactlyWhenInvalid() {
            Layout.check(Long.MAX_VALUE, 1);
            Layout.check(0, Layout.MAX_ALIGN);
            LayoutException e = assertLayoutError(() -> Layout.check(maxSizeFor(64) + 1, 64));
            assertEquals(maxSizeFor(64) + 1, e.byteSize());
            assertEquals(64, e.byteAlignment());
        }

        @Test
        void shouldUseOneErrorTypeAndMessageForEveryCause() {
            // R3: LayoutError is a single unit error: zero align, non-power-of-two, negative size, overflow.
            List<Executable> causes = List.of(
                () -> Layout.fromSizeAlign(1, 0),
                () -> Layout.fromSizeAlign(1, 3),
                () -> Layout.fromSizeAlign(-1, 1),
                () -> Layout.fromSizeAlign(Long.MAX_VALUE, 8),
                () -> Layout.array(Layout.of(8, 8), Long.MAX_VALUE),
                () -> Layout.of(Long.MAX_VALUE, 1).extend(Layout.of(1, 1)),
                () -> Layout.of(2, 1).repeat(Long.MAX_VALUE),
                () -> Layout.of(2, 1).repeatPacked(Long.MAX_VALUE),
                () -> Layout.of(Long.MAX_VALUE, 1).extendPacked(Layout.of(1, 1)),
                () -> Layout.of(1, 1).alignTo(6));
            for (Executable cause : causes) {
                LayoutException e = assertLayoutError(cause);
                assertTrue(e instanceof IllegalArgumentException);
            }
            assertEquals(MESSAGE, LayoutException.MESSAGE);
        }

        @Test
        void shouldAgreeWithRustValidityRuleForRandomPairs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(edgySizes(), edgyAligns())
                .checkAssert((size, align) -> {
                    boolean expected = rustValid(BigInteger.valueOf(size), align);
                    assertEquals(expected, Layout.isValid(size, align), () -> "isValid(" + size + ", " + align + ")");
                    if (expected) {
                        Layout layout = Layout.fromSizeAlign(size, align);
                        assertEquals(size, layout.size());
                        assertEquals(align, layout.align());
                    } else {
                        assertLayoutError(() -> Layout.fromSizeAlign(size, align));
                    }
                });
        }
    }

    // ---------------------------------------------------------------- R2 accessors, Debug, Eq, Hash

    @Nested
    class ValueSemantics {

        @Test
        void shouldPrintLikeRustDebug() {
            assertEquals("Layout { size: 4, align: 4 (1 << 2) }", Layout.of(4, 4).toString());
            assertEquals("Layout { size: 0, align: 1 (1 << 0) }", Layout.of(0, 1).toString());
            assertEquals("Layout { size: 5, align: 4096 (1 << 12) }", Layout.fromSizeAlign(5, 4096).toString());
            assertEquals("Layout { size: 9223372036854775807, align: 1 (1 << 0) }",
                Layout.fromSizeAlign(Long.MAX_VALUE, 1).toString());
            assertEquals("Layout { size: 0, align: 4611686018427387904 (1 << 62) }",
                Layout.fromSizeAlign(0, Layout.MAX_ALIGN).toString());
        }

        @Test
        void shouldBeEqualExactlyWhenSizeAndAlignAreEqual() {
            Layout a = Layout.fromSizeAlign(24, 8);
            Layout b = Layout.fromSizeAlign(24, 8);
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(a, a);
            assertNotEquals(a, Layout.fromSizeAlign(24, 4));
            assertNotEquals(a, Layout.fromSizeAlign(16, 8));
            assertNotEquals(null, a);
            assertFalse(a.equals("Layout { size: 24, align: 8 (1 << 3) }"));
        }

        @Test
        void shouldHashEqualLayoutsEquallyForRandomPairs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(validLayouts())
                .checkAssert(layout -> {
                    Layout copy = Layout.fromSizeAlign(layout.size(), layout.align());
                    assertEquals(layout, copy);
                    assertEquals(layout.hashCode(), copy.hashCode());
                    assertEquals(layout.toString(), copy.toString());
                });
        }
    }

    // ---------------------------------------------------------------- R5 array

    @Nested
    class Array {

        @Test
        void shouldMultiplySizeByCountAndKeepAlign() {
            assertLayout(12, 4, Layout.array(Layout.of(4, 4), 3));
            assertLayout(0, 4, Layout.array(Layout.of(4, 4), 0));
            assertLayout(4, 4, Layout.array(Layout.of(4, 4), 1));
            assertLayout(Long.MAX_VALUE, 1, Layout.array(Layout.of(1, 1), Long.MAX_VALUE));
        }

        @Test
        void shouldGiveSizeZeroForZeroSizeElementsAndAnyCount() {
            assertLayout(0, 8, Layout.array(Layout.of(0, 8), Long.MAX_VALUE));
            assertLayout(0, 1, Layout.array(Layout.of(0, 1), 1_000_000));
            assertLayout(0, 16, Layout.array(Layout.of(0, 16), 0));
        }

        @Test
        void shouldAcceptLargestCountAndRejectOneMore() {
            // R5: Err iff n > ((isize::MAX + 1) - align) / size.
            Layout element = Layout.of(4, 4);
            long maxCount = (Long.MAX_VALUE - 4 + 1) / 4;
            assertEquals((1L << 61) - 1, maxCount);
            assertLayout(maxCount * 4, 4, Layout.array(element, maxCount));
            assertLayoutError(() -> Layout.array(element, maxCount + 1));

            Layout odd = Layout.of(24, 8);
            long oddMax = (Long.MAX_VALUE - 8 + 1) / 24;
            assertLayout(oddMax * 24, 8, Layout.array(odd, oddMax));
            assertLayoutError(() -> Layout.array(odd, oddMax + 1));
        }

        @Test
        void shouldRejectCountWhoseProductOverflows() {
            assertLayoutError(() -> Layout.array(Layout.of(8, 8), Long.MAX_VALUE));
            assertLayoutError(() -> Layout.array(Layout.of(3, 1), Long.MAX_VALUE / 2));
        }

        @Test
        void shouldRejectNegativeCountOfANonZeroSizeElement() {
            // A negative Java count stands for a Rust count above isize::MAX (-1 is usize::MAX).
            assertLayoutError(() -> Layout.array(Layout.of(4, 4), -1));
            assertLayoutError(() -> Layout.array(Layout.of(1, 1), Long.MIN_VALUE));
        }

        @Test
        void shouldAcceptAnyCountOfAZeroSizeElementAsRustDoes() {
            // R5, Z5: Layout::array::<()>(usize::MAX) is Ok(L(0, 1)); Layout::array::<[u64; 0]>(isize::MAX + 1)
            // is Ok(L(0, 8)).
            assertLayout(0, 1, Layout.array(Layout.of(0, 1), -1));
            assertLayout(0, 8, Layout.array(Layout.of(0, 8), Long.MIN_VALUE));
        }

        @Test
        void shouldUseElementSizeAsStrideEvenWhenNotAMultipleOfAlign() {
            // Every Rust type's size is a multiple of its alignment; Java's Layout can be L(5, 4), and array()
            // documents the element size (not the padded size) as the stride.
            assertLayout(10, 4, Layout.array(Layout.fromSizeAlign(5, 4), 2));
        }

        @Test
        void shouldAgreeWithRustArrayRuleForRandomInputs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(validLayouts(), usizeCounts())
                .checkAssert((element, count) -> {
                    // count is a usize: a negative long stands for a count above isize::MAX.
                    BigInteger size = BigInteger.valueOf(element.size())
                        .multiply(new BigInteger(Long.toUnsignedString(count)));
                    boolean valid = element.size() == 0 || rustValid(size, element.align());
                    if (valid) {
                        assertLayout(size.longValueExact(), element.align(), Layout.array(element, count));
                    } else {
                        assertLayoutError(() -> Layout.array(element, count));
                    }
                });
        }
    }

    // ---------------------------------------------------------------- R6 extend

    @Nested
    class Extend {

        @Test
        void shouldPlaceNextAtItsAlignedOffsetWithoutTrailingPadding() {
            Layout.Extended e = Layout.of(1, 1).extend(Layout.of(4, 4));
            assertLayout(8, 4, e.layout());
            assertEquals(4, e.byteOffset());

            Layout.Extended noTrailing = Layout.of(8, 8).extend(Layout.of(1, 1));
            assertLayout(9, 8, noTrailing.layout());
            assertEquals(8, noTrailing.byteOffset());
        }

        @Test
        void shouldKeepTheLargerAlignOfEitherSide() {
            Layout.Extended e = Layout.fromSizeAlign(3, 16).extend(Layout.of(1, 1));
            assertLayout(4, 16, e.layout());
            assertEquals(3, e.byteOffset());
        }

        @Test
        void shouldBuildAReprCStructWithPadToAlign() {
            // struct { a: u8, b: u32, c: u16 }: offsets 0, 4, 8; size 10 before padding, 12 after.
            Layout.Extended withB = Layout.of(1, 1).extend(Layout.of(4, 4));
            Layout.Extended withC = withB.layout().extend(Layout.of(2, 2));
            assertEquals(4, withB.byteOffset());
            assertEquals(8, withC.byteOffset());
            assertLayout(10, 4, withC.layout());
            assertLayout(12, 4, withC.layout().padToAlign());
        }

        @Test
        void shouldExtendByZeroSizeLayouts() {
            Layout.Extended e = Layout.of(0, 1).extend(Layout.of(0, 16));
            assertLayout(0, 16, e.layout());
            assertEquals(0, e.byteOffset());
        }

        @Test
        void shouldAcceptLargestResultAndRejectOverflow() {
            Layout.Extended largest = Layout.of(1L << 62, 1).extend(Layout.of((1L << 62) - 1, 1));
            assertLayout(Long.MAX_VALUE, 1, largest.layout());
            assertEquals(1L << 62, largest.byteOffset());

            assertLayoutError(() -> Layout.of(1L << 62, 1).extend(Layout.of(1L << 62, 1)));
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE, 1).extend(Layout.of(1, 1)));
        }

        @Test
        void shouldRejectOffsetThatRoundsPastLongMax() {
            // offset = roundUp(2^63 - 7, 8) = 2^63: overflows.
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE - 6, 1).extend(Layout.of(0, 8)));
            // offset = 2^63 - 8 is representable and L(2^63 - 8, 8) is valid.
            Layout.Extended edge = Layout.of(Long.MAX_VALUE - 7, 1).extend(Layout.of(0, 8));
            assertLayout(Long.MAX_VALUE - 7, 8, edge.layout());
        }

        @Test
        void shouldRejectResultInvalidForTheCombinedAlign() {
            // offset 2^63 - 8, size 2^63 - 7 > 2^63 - 8 = the largest size for align 8 (R1, no overflow).
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE - 8, 1).extend(Layout.of(1, 8)));
        }

        @Test
        void shouldAgreeWithRustExtendRuleForRandomInputs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(validLayouts(), validLayouts())
                .checkAssert((first, next) -> {
                    BigInteger offset = roundUp(BigInteger.valueOf(first.size()), next.align());
                    BigInteger size = offset.add(BigInteger.valueOf(next.size()));
                    long align = Math.max(first.align(), next.align());
                    if (rustValid(size, align)) {
                        Layout.Extended e = first.extend(next);
                        assertLayout(size.longValueExact(), align, e.layout());
                        assertEquals(offset.longValueExact(), e.byteOffset());
                    } else {
                        assertLayoutError(() -> first.extend(next));
                    }
                });
        }
    }

    // ---------------------------------------------------- R7 pad_to_align, R8 padding_needed_for, R9 align_to

    @Nested
    class Padding {

        @Test
        void shouldRoundSizeUpToAlign() {
            assertLayout(8, 4, Layout.fromSizeAlign(5, 4).padToAlign());
            assertLayout(8, 4, Layout.fromSizeAlign(8, 4).padToAlign());
            assertLayout(0, 8, Layout.fromSizeAlign(0, 8).padToAlign());
            assertLayout(4096, 4096, Layout.fromSizeAlign(1, 4096).padToAlign());
        }

        @Test
        void shouldPadTheLargestSizesWithoutFailing() {
            // R7 is infallible because R1 guarantees roundUp(size, align) <= isize::MAX.
            long align = 4096;
            assertLayout(maxSizeFor(align), align, Layout.fromSizeAlign(maxSizeFor(align) - 4095, align).padToAlign());
            assertLayout(Long.MAX_VALUE, 1, Layout.fromSizeAlign(Long.MAX_VALUE, 1).padToAlign());
            assertLayout(TWO_POW_62, Layout.MAX_ALIGN, Layout.fromSizeAlign(1, Layout.MAX_ALIGN).padToAlign());
        }

        @Test
        void shouldComputePaddingNeededForAnAlign() {
            assertEquals(3, Layout.fromSizeAlign(5, 1).paddingNeededFor(4));
            assertEquals(0, Layout.fromSizeAlign(8, 1).paddingNeededFor(4));
            assertEquals(0, Layout.fromSizeAlign(0, 1).paddingNeededFor(4096));
            assertEquals(4095, Layout.fromSizeAlign(1, 1).paddingNeededFor(4096));
            assertEquals(0, Layout.fromSizeAlign(13, 8).paddingNeededFor(1));
            // The argument, not the layout's own align, decides.
            assertEquals(3, Layout.fromSizeAlign(13, 8).paddingNeededFor(16));
        }

        @Test
        void shouldReturnRustPaddingWhenRoundingPassesLongMax() {
            // R8: padding_needed_for(a) = round_up(size, a) - size. Rust computes round_up in usize, where
            // isize::MAX rounded up to 2 is 2^63 (no overflow), so the padding is 1. The padding itself always
            // fits in a long (it is < a <= 2^62), so Java can return Rust's value.
            assertEquals(1, Layout.fromSizeAlign(Long.MAX_VALUE, 1).paddingNeededFor(2));
            assertEquals(TWO_POW_62 - 1, Layout.fromSizeAlign(TWO_POW_62 + 1, 1).paddingNeededFor(Layout.MAX_ALIGN));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, 3, 6, -1, -8, Long.MIN_VALUE})
        void shouldRejectPaddingForAnInvalidAlign(long align) {
            // Rust's argument is an Alignment, which cannot be invalid; Java checks the long.
            assertLayoutError(() -> Layout.fromSizeAlign(5, 1).paddingNeededFor(align));
        }

        @Test
        void shouldRaiseAlignWithoutChangingSize() {
            assertLayout(5, 16, Layout.fromSizeAlign(5, 4).alignTo(16));
            assertLayout(5, 4, Layout.fromSizeAlign(5, 4).alignTo(2));
            assertLayout(5, 4, Layout.fromSizeAlign(5, 4).alignTo(4));
            assertLayout(0, Layout.MAX_ALIGN, Layout.of(0, 1).alignTo(Layout.MAX_ALIGN));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, 3, 12, -4, Long.MIN_VALUE})
        void shouldRejectAlignToAnInvalidAlign(long align) {
            // Long.MIN_VALUE is Rust's 2^63, which Rust's align_to accepts for size 0 (MAX_ALIGN = 2^62 here).
            assertLayoutError(() -> Layout.of(0, 1).alignTo(align));
        }

        @Test
        void shouldRejectAlignToWhenSizeBecomesInvalid() {
            assertLayout(maxSizeFor(4096), 4096, Layout.of(maxSizeFor(4096), 1).alignTo(4096));
            assertLayoutError(() -> Layout.of(maxSizeFor(4096) + 1, 1).alignTo(4096));
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE, 1).alignTo(2));
        }

        @Test
        void shouldAgreeWithRustPaddingRulesForRandomInputs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(validLayouts(), edgyAligns())
                .checkAssert((layout, align) -> {
                    BigInteger size = BigInteger.valueOf(layout.size());
                    BigInteger padded = roundUp(size, layout.align());
                    assertLayout(padded.longValueExact(), layout.align(), layout.padToAlign());
                    if (!isPowerOfTwo(align)) {
                        assertLayoutError(() -> layout.alignTo(align));
                        assertLayoutError(() -> layout.paddingNeededFor(align));
                        return;
                    }
                    assertEquals(roundUp(size, align).subtract(size).longValueExact(), layout.paddingNeededFor(align),
                        () -> layout + ".paddingNeededFor(" + align + ")");
                    long raised = Math.max(layout.align(), align);
                    if (rustValid(size, raised)) {
                        assertLayout(layout.size(), raised, layout.alignTo(align));
                    } else {
                        assertLayoutError(() -> layout.alignTo(align));
                    }
                });
        }
    }

    // ---------------------------------------------------------------- R10 repeat, R11 repeat_packed / extend_packed

    @Nested
    class Repeat {

        @Test
        void shouldRepeatWithoutPaddingAfterTheLastElement() {
            // Rust 1.95: size = stride * (n - 1) + size. The pre-1.95 unstable repeat gave 24 here.
            Layout.Repeated r = Layout.fromSizeAlign(5, 4).repeat(3);
            assertLayout(21, 4, r.layout());
            assertEquals(8, r.byteStride());
        }

        @Test
        void shouldAgreeWithOldRepeatWhenSizeIsAMultipleOfAlign() {
            Layout.Repeated r = Layout.of(4, 4).repeat(3);
            assertLayout(12, 4, r.layout());
            assertEquals(4, r.byteStride());
        }

        @Test
        void shouldRepeatZeroTimesToSizeZeroAndStillReportTheStride() {
            Layout.Repeated r = Layout.fromSizeAlign(5, 4).repeat(0);
            assertLayout(0, 4, r.layout());
            assertEquals(8, r.byteStride());
        }

        @Test
        void shouldRepeatOnceToTheLayoutItself() {
            Layout.Repeated r = Layout.fromSizeAlign(5, 4).repeat(1);
            assertLayout(5, 4, r.layout());
            assertEquals(8, r.byteStride());
        }

        @Test
        void shouldRepeatZeroSizeLayoutsAnyNumberOfTimes() {
            Layout.Repeated r = Layout.of(0, 8).repeat(Long.MAX_VALUE);
            assertLayout(0, 8, r.layout());
            assertEquals(0, r.byteStride());
        }

        @Test
        void shouldAcceptLargestCountAndRejectOneMore() {
            // L(5, 4): stride 8; 8(n - 1) + 5 <= 2^63 - 4  <=>  n <= 2^60 - 1.
            long largest = (1L << 60) - 1;
            assertLayout(Long.MAX_VALUE - 10, 4, Layout.fromSizeAlign(5, 4).repeat(largest).layout());
            assertLayoutError(() -> Layout.fromSizeAlign(5, 4).repeat(largest + 1));
            assertLayout(Long.MAX_VALUE, 1, Layout.of(1, 1).repeat(Long.MAX_VALUE).layout());
        }

        @Test
        void shouldRejectRepeatThatOverflows() {
            assertLayoutError(() -> Layout.of(2, 1).repeat(1L << 62));
            assertLayoutError(() -> Layout.of(8, 8).repeat(Long.MAX_VALUE));
        }

        @Test
        void shouldRejectNegativeRepeatCount() {
            assertLayoutError(() -> Layout.of(4, 4).repeat(-1));
            assertLayoutError(() -> Layout.of(4, 4).repeatPacked(-1));
        }

        @Test
        void shouldRepeatPackedWithoutAnyPadding() {
            assertLayout(15, 4, Layout.fromSizeAlign(5, 4).repeatPacked(3));
            assertLayout(0, 4, Layout.fromSizeAlign(5, 4).repeatPacked(0));
            assertLayout(Long.MAX_VALUE, 1, Layout.of(1, 1).repeatPacked(Long.MAX_VALUE));
        }

        @Test
        void shouldRejectRepeatPackedOnOverflowOrInvalidSize() {
            assertLayoutError(() -> Layout.of(2, 1).repeatPacked(1L << 62));
            // 4 * (2^61 - 2) = 2^63 - 8: the largest size for align 8; one more element gives 2^63 - 4 (R1).
            long largest = (1L << 61) - 2;
            assertLayout(Long.MAX_VALUE - 7, 8, Layout.fromSizeAlign(4, 8).repeatPacked(largest));
            assertLayoutError(() -> Layout.fromSizeAlign(4, 8).repeatPacked(largest + 1));
        }

        @Test
        void shouldExtendPackedIgnoringTheNextAlign() {
            assertLayout(8, 4, Layout.fromSizeAlign(5, 4).extendPacked(Layout.fromSizeAlign(3, 16)));
            assertLayout(0, 8, Layout.of(0, 8).extendPacked(Layout.of(0, 1)));
        }

        @Test
        void shouldRejectExtendPackedOnOverflowOrInvalidSize() {
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE, 1).extendPacked(Layout.of(1, 1)));
            assertLayoutError(() -> Layout.of(Long.MAX_VALUE - 7, 8).extendPacked(Layout.of(1, 1)));
            assertLayout(Long.MAX_VALUE, 1, Layout.of(Long.MAX_VALUE - 1, 1).extendPacked(Layout.of(1, 1)));
        }

        @Test
        void shouldAgreeWithRustRepeatRulesForRandomInputs() {
            qt().withFixedSeed(SEED).withExamples(PROPERTY_EXAMPLES)
                .forAll(validLayouts(), edgyCounts(), validLayouts())
                .checkAssert((layout, count, next) -> {
                    BigInteger size = BigInteger.valueOf(layout.size());
                    BigInteger n = BigInteger.valueOf(count);
                    BigInteger stride = roundUp(size, layout.align());
                    BigInteger repeated = count == 0 ? BigInteger.ZERO
                        : stride.multiply(n.subtract(BigInteger.ONE)).add(size);
                    if (rustValid(repeated, layout.align())) {
                        Layout.Repeated r = layout.repeat(count);
                        assertLayout(repeated.longValueExact(), layout.align(), r.layout());
                        assertEquals(stride.longValueExact(), r.byteStride());
                    } else {
                        assertLayoutError(() -> layout.repeat(count));
                    }
                    BigInteger packed = size.multiply(n);
                    if (rustValid(packed, layout.align())) {
                        assertLayout(packed.longValueExact(), layout.align(), layout.repeatPacked(count));
                    } else {
                        assertLayoutError(() -> layout.repeatPacked(count));
                    }
                    BigInteger joined = size.add(BigInteger.valueOf(next.size()));
                    if (rustValid(joined, layout.align())) {
                        assertLayout(joined.longValueExact(), layout.align(), layout.extendPacked(next));
                    } else {
                        assertLayoutError(() -> layout.extendPacked(next));
                    }
                });
        }
    }

    // ---------------------------------------------------------------- R12 dangling

    @Nested
    class Dangling {

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 8, 16, 4096, 1L << 62})
        void shouldUseTheAlignAsDanglingAddress(long align) {
            assertEquals(align, Layout.fromSizeAlign(0, align).danglingAddress());
            assertEquals(align, Layout.fromSizeAlign(align, align).danglingAddress());
        }
    }

    // ---------------------------------------------------------------- reference model and generators

    /** R1 in exact arithmetic: align a power of two (positive) and size ≤ 2^63 − align. */
    private static boolean rustValid(BigInteger size, long align) {
        return isPowerOfTwo(align)
            && size.signum() >= 0
            && size.compareTo(TWO_POW_63.subtract(BigInteger.valueOf(align))) <= 0;
    }

    private static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }

    private static BigInteger roundUp(BigInteger value, long align) {
        BigInteger a = BigInteger.valueOf(align);
        return value.add(a).subtract(BigInteger.ONE).divide(a).multiply(a);
    }

    /** Sizes clustered at the interesting edges: small, near 2^62, near Long.MAX_VALUE, negative. */
    private static Gen<Long> edgySizes() {
        Gen<Long> small = Generate.longRange(0, 5_000);
        Gen<Long> nearMax = Generate.longRange(0, 5_000).map(d -> Long.MAX_VALUE - d);
        Gen<Long> nearHalf = Generate.longRange(-5_000, 5_000).map(d -> (1L << 62) + d);
        Gen<Long> any = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE);
        return Generate.frequency(List.of(
            Pair.of(4, small),
            Pair.of(3, nearMax),
            Pair.of(1, nearHalf),
            Pair.of(2, any)));
    }

    /** Mostly powers of two 2^0..2^62, plus zero, non-powers and negatives. */
    private static Gen<Long> edgyAligns() {
        Gen<Long> powers = Generate.range(0, 62).map(shift -> 1L << shift);
        Gen<Long> others = Generate.longRange(-5, 4_100);
        return Generate.frequency(List.of(
            Pair.of(4, powers),
            Pair.of(1, others),
            Pair.of(1, Generate.constant(Long.MIN_VALUE))));
    }

    private static Gen<Long> edgyCounts() {
        return Generate.frequency(List.of(
            Pair.of(4, Generate.longRange(0, 10)),
            Pair.of(2, Generate.longRange(0, Long.MAX_VALUE)),
            Pair.of(2, Generate.range(55, 63).map(shift -> (1L << shift) - 1))));
    }

    /** Counts as Rust's {@code usize}: the edgy ones, and negative longs standing for counts above isize::MAX. */
    private static Gen<Long> usizeCounts() {
        return Generate.frequency(List.of(
            Pair.of(4, edgyCounts()),
            Pair.of(1, Generate.longRange(Long.MIN_VALUE, -1)),
            Pair.of(1, Generate.constant(-1L))));
    }

    /** Valid layouts, many of them close to the size limit of their alignment. */
    private static Gen<Layout> validLayouts() {
        Gen<Long> aligns = Generate.range(0, 62).map(shift -> 1L << shift);
        Gen<Long> sizeFraction = Generate.longRange(0, 1_000);
        return aligns.zip(sizeFraction, Generate.booleans(), (align, d, nearMax) -> {
            long max = maxSizeFor(align);
            long size = nearMax ? max - Math.min(d, max) : Math.min(d, max);
            return Layout.fromSizeAlign(size, align);
        });
    }
}
