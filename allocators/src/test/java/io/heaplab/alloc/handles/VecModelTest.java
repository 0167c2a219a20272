package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Model-based test: random sequences of Vec operations on every research allocator, compared after every step with
 * a {@link java.util.ArrayList} (contents) and {@link CapacityModel} (exact capacity). Seeded, so reproducible.
 */
class VecModelTest {

    private static final long SEED = 0x5eed_3L;
    private static final int EXAMPLES = 150;
    private static final int OPERATIONS = 19;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.handles.ResearchAllocators#names")
    void shouldBehaveLikeArrayListWithRustCapacityAfterEveryStep(String name) {
        try (Allocator allocator = ResearchAllocators.create(name)) {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 120))
                .checkAssert(program -> {
                    run(allocator, program);
                    assertEquals(0, allocator.stats().liveBlocks(), "every block freed after the program");
                    allocator.reset();
                });
        }
    }

    private static void run(Allocator allocator, List<Integer> program) {
        List<Integer> model = new ArrayList<>();
        CapacityModel cap = new CapacityModel(4, 0);
        try (IntVec vec = IntVec.newIn(allocator)) {
            for (int step = 0; step < program.size(); step++) {
                int code = program.get(step);
                int op = code % OPERATIONS;
                int arg = code / OPERATIONS;
                int len = model.size();
                String where = "step " + step + " op " + op + " arg " + arg + " on " + model;
                apply(allocator, vec, model, cap, op, arg, len, where);
                assertEquals(model.size(), vec.len(), where);
                assertEquals(cap.capacity, vec.capacity(), where);
                int[] actual = vec.toArray();
                for (int i = 0; i < actual.length; i++) {
                    assertEquals(model.get(i), actual[i], where);
                }
            }
        }
    }

    private static void apply(Allocator allocator, IntVec vec, List<Integer> model, CapacityModel cap, int op,
                              int arg, int len, String where) {
        switch (op) {
            case 0, 1, 2 -> {
                cap.reserve(len, 1);
                vec.push(arg);
                model.add(arg);
            }
            case 3 -> {
                OptionalInt popped = vec.pop();
                if (len == 0) {
                    assertTrue(popped.isEmpty(), where);
                } else {
                    assertEquals(model.removeLast(), popped.getAsInt(), where);
                }
            }
            case 4 -> {
                int index = arg % (len + 1);
                cap.reserve(len, 1);
                vec.insert(index, arg);
                model.add(index, arg);
            }
            case 5 -> {
                if (len > 0) {
                    int index = arg % len;
                    assertEquals(model.remove(index), vec.remove(index), where);
                }
            }
            case 6 -> {
                if (len > 0) {
                    int index = arg % len;
                    int last = model.removeLast();
                    int removed = index == len - 1 ? last : model.set(index, last);
                    assertEquals(removed, vec.swapRemove(index), where);
                }
            }
            case 7 -> {
                int newLen = arg % (len + 2);
                vec.truncate(newLen);
                while (model.size() > newLen) {
                    model.removeLast();
                }
            }
            case 8 -> {
                if (arg % 4 == 0) {
                    vec.clear();
                    model.clear();
                }
            }
            case 9 -> {
                cap.reserve(len, arg % 20);
                vec.reserve(arg % 20);
            }
            case 10 -> {
                cap.reserveExact(len, arg % 20);
                vec.reserveExact(arg % 20);
            }
            case 11 -> {
                cap.shrinkTo(len, 0);
                vec.shrinkToFit();
            }
            case 12 -> {
                cap.shrinkTo(len, arg % 30);
                vec.shrinkTo(arg % 30);
            }
            case 13 -> {
                int[] values = new int[arg % 7];
                for (int i = 0; i < values.length; i++) {
                    values[i] = arg + i;
                    model.add(arg + i);
                }
                cap.reserve(len, values.length);
                vec.extendFrom(values);
            }
            case 14 -> {
                int from = arg % (len + 1);
                int to = from + (arg / 7) % (len - from + 1);
                List<Integer> range = model.subList(from, to);
                int[] drained = vec.drain(from, to);
                assertEquals(range, java.util.Arrays.stream(drained).boxed().toList(), where);
                range.clear();
            }
            case 15 -> {
                int modulus = 2 + arg % 3;
                vec.retain(x -> x % modulus != 0);
                model.removeIf(x -> x % modulus == 0);
                vec.dedup();
                for (int i = model.size() - 1; i > 0; i--) {
                    if (model.get(i).equals(model.get(i - 1))) {
                        model.remove(i);
                    }
                }
            }
            case 16 -> {
                int at = arg % (len + 1);
                try (IntVec tail = vec.splitOff(at)) {
                    List<Integer> tailModel = model.subList(at, len);
                    assertEquals(tailModel.size(), tail.capacity(), where);
                    assertEquals(tailModel, java.util.Arrays.stream(tail.toArray()).boxed().toList(), where);
                    tailModel.clear();
                }
            }
            case 17 -> {
                try (IntVec other = IntVec.withCapacityIn(allocator, arg % 5 + 1)) {
                    other.extendFrom(arg, -arg);
                    cap.reserve(len, 2);
                    vec.append(other);
                    model.add(arg);
                    model.add(-arg);
                    assertEquals(0, other.len(), where);
                }
            }
            default -> {
                assertThrows(PanicException.class, () -> vec.get(len + arg % 3), where);
                if (len > 0) {
                    vec.set(arg % len, -arg);
                    model.set(arg % len, -arg);
                }
            }
        }
    }
}
