package io.heaplab.trace.internal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class LongLongMapTest {

    @Test
    void shouldBehaveLikeAHashMapUnderRandomPutsAndRemoves() {
        qt().withFixedSeed(7).withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            LongLongMap map = new LongLongMap();
            Map<Long, Long> reference = new HashMap<>();
            long keyRange = 1 + random.nextLong(2000);
            for (int i = 0; i < 3000; i++) {
                long key = random.nextLong(keyRange) * (random.nextBoolean() ? 1 : 1 << 20);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        long value = random.nextLong(1000);
                        map.put(key, value);
                        reference.put(key, value);
                    }
                    case 1 -> {
                        Long removed = reference.remove(key);
                        assertEquals(removed == null ? -7 : removed, map.remove(key, -7));
                    }
                    default -> assertEquals(reference.getOrDefault(key, -7L).longValue(), map.get(key, -7));
                }
                assertEquals(reference.size(), map.size());
            }
            reference.forEach((k, v) -> assertEquals(v.longValue(), map.get(k, -1)));
        });
    }

    @Test
    void shouldHandOutDenseIdsReusingTheLastFreed() {
        IdPool pool = new IdPool();
        assertEquals(0, pool.acquire());
        assertEquals(1, pool.acquire());
        assertEquals(2, pool.acquire());
        pool.release(0);
        pool.release(2);
        assertEquals(2, pool.acquire());
        assertEquals(0, pool.acquire());
        assertEquals(3, pool.acquire());
        assertEquals(4, pool.idCount());
    }
}
