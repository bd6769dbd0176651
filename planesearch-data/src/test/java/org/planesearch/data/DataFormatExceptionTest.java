package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {

    @Test
    void messageStartsWithTheLocationInCompilerStyle() {
        DataFormatException e = new DataFormatException("train.csv", 17, 3,
                "value 'abc' in column 'age' is not a number");
        assertEquals("train.csv:17:3: value 'abc' in column 'age' is not a number", e.getMessage());
        assertEquals("train.csv", e.file());
        assertEquals(17, e.line());
        assertEquals(3, e.column());
        assertEquals("train.csv:17: bad", new DataFormatException("train.csv", 17, 0, "bad").getMessage());
        assertEquals("train.csv: bad", new DataFormatException("train.csv", "bad").getMessage());
        assertEquals(0, new DataFormatException("train.csv", "bad").line());
    }

    @Test
    void isAnIoExceptionSoCallersHandleOneCheckedType() {
        IOException e = new DataFormatException("f", "x");
        assertEquals("f: x", e.getMessage());
    }

    @Test
    void quoteEscapesControlCharactersAndCutsLongValues() {
        assertEquals("'a\\tb\\x01'", DataFormatException.quote("a\tb\u0001"));
        String cut = DataFormatException.quote("y".repeat(1000));
        assertEquals(DataFormatException.MAX_QUOTED + 3, cut.length());
        assertEquals("…'", cut.substring(cut.length() - 2));
    }
}
