package io.heaplab.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTableTest {

    @Test
    void shouldRightAlignNumericColumnsAndLeftAlignText() {
        String text = new TextTable("allocator", "util %")
            .row("freelist-best", "97.1")
            .row("buddy", "61.25")
            .render();
        assertEquals("""
            allocator      util %
            -------------  ------
            freelist-best    97.1
            buddy           61.25
            """, text);
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfCells() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new TextTable("a", "b").row("only one"));
        assertEquals("row has 1 cells but the table has 2 columns", e.getMessage());
    }
}
