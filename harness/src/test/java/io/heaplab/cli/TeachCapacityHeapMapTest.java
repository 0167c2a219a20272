package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code teach capacity --report}: the lesson page's heap maps of the abandoned blocks. */
class TeachCapacityHeapMapTest {

    private static final Pattern HEAP_MAP_ID = Pattern.compile("<svg [^>]*id=\"heapmap-([a-z_0-9]+)\"");
    private static final Pattern CAPTION = Pattern.compile("<figcaption>([^<]*)</figcaption>");

    private static String lessonPage(Path dir, String... extra) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"teach", "capacity", "--repeat", "1", "--report", dir.toString()}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        return Files.readString(dir.resolve("index.html"));
    }

    private static List<String> all(Pattern pattern, String page) {
        Matcher m = pattern.matcher(page);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void shouldDrawOneHeapMapPerCaseWithRustsMovedReallocationsAsAbandonedBlocksOnBump(@TempDir Path dir)
        throws IOException {
        String page = lessonPage(dir, "--allocator", "bump", "--n", "100", "--neighbours");
        assertEquals(List.of("new", "with_capacity", "reserve_exact_1"), all(HEAP_MAP_ID, page));
        // Rust's growth of Vec<i32>: new() goes 4 -> 8 -> 16 -> 32 -> 64 -> 128 (5 reallocations), reserve_exact(1)
        // reallocates before each of pushes 2..100 (99); behind a neighbour, bump moves every one of them.
        assertEquals(List.of(
            "Vec::new() on bump: abandoned 5 blocks (stranded: nothing was allocated below them again).",
            "Vec::with_capacity(n) on bump: abandoned 0 blocks.",
            "reserve_exact(1) on bump: abandoned 99 blocks (stranded: nothing was allocated below them again)."),
            all(CAPTION, page));
        assertTrue(page.contains("<td class=\"num\">5</td>"), "the table's moved column agrees");
        assertTrue(page.contains("<td class=\"num\">99</td>"), "the table's moved column agrees");
    }

    @Test
    void shouldDrawTheFirstResearchAllocatorWhenEveryAllocatorRuns(@TempDir Path dir) throws IOException {
        String page = lessonPage(dir, "--n", "20");
        List<String> captions = all(CAPTION, page);
        assertEquals(3, captions.size(), captions.toString());
        assertTrue(captions.getFirst().startsWith("Vec::new() on bump: "), captions.toString());
    }

    @Test
    void shouldDrawAFreeListsFreedBlocks(@TempDir Path dir) throws IOException {
        String page = lessonPage(dir, "--allocator", "freelist-best", "--n", "100", "--neighbours");
        List<String> captions = all(CAPTION, page);
        assertEquals("Vec::new() on freelist-best: abandoned 5 blocks (freed).", captions.getFirst());
        assertFalse(page.contains("stranded"), "a free list reuses the holes");
    }
}
