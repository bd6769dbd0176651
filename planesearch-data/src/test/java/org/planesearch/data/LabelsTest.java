package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void numericWhenEveryLabelIsAFiniteNumber() {
        Labels l = Labels.of("f", new String[] {"+1", "-1", "2.5"}, null);
        assertTrue(l.isNumeric());
        assertArrayEquals(new double[] {1, -1, 2.5}, l.values());
        assertEquals("+1", l.get(0));
        assertEquals("1", l.key(0));
        assertEquals(List.of("-1", "1", "2.5"), l.distinct());
        assertEquals("row 2", l.where(1));
    }

    @Test
    void textWhenAnyLabelIsNotANumber() {
        Labels l = Labels.of("f", new String[] {"1", "b", "a", "1"}, new long[] {3, 4, 5, 6});
        assertFalse(l.isNumeric());
        assertThrows(IllegalStateException.class, () -> l.value(0));
        assertEquals(List.of("1", "a", "b"), l.distinct());
        assertEquals("line 5", l.where(2));
    }

    @Test
    void selectKeepsValuesAndLines() {
        Labels l = Labels.of("f", new String[] {"1", "2", "3"}, new long[] {10, 20, 30});
        Labels s = l.select(new int[] {2, 0});
        assertArrayEquals(new double[] {3, 1}, s.values());
        assertEquals(30, s.line(0));
        assertEquals("f", s.source());
    }

    @Test
    void absentLabels() {
        Labels l = Labels.none("p", 4);
        assertFalse(l.isPresent());
        assertEquals(4, l.size());
        assertEquals(List.of(), l.distinct());
        assertThrows(IllegalStateException.class, () -> l.get(0));
    }
}
