package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberSyntaxTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "+1, 1", "-1, -1", "1.5, 1.5", ".5, 0.5", "5., 5", "-2e-1, -0.2", "1E3, 1000",
        "0.1, 0.1", "007, 7", "+.25e+2, 25"})
    void acceptsPlainDecimalsWithTheirCorrectlyRoundedValue(String text, double value) {
        assertTrue(NumberSyntax.isNumber(text));
        assertEquals(value, NumberSyntax.parse(text), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1d", "1f", " 1", "1 ", "1,5",
        "--1", "abc", "1_000", "∞", "nanx", "infinit"})
    void rejectsEverythingElse(String text) {
        assertFalse(NumberSyntax.isNumber(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "-nan", "inf", "-Inf", "+INFINITY", "1e400", "-1e999"})
    void nonFiniteSpellingsAreNumbersThatParseToNonFiniteValues(String text) {
        assertTrue(NumberSyntax.isNumber(text));
        assertFalse(Double.isFinite(NumberSyntax.parse(text)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "-1, -1", "-0.0, 0", "0.5, 0.5", "3.0, 3", "1e15, 1000000000000000", "1e20, 1.0E20"})
    void canonicalSpellingDropsTheDecimalPointOfIntegers(double value, String canonical) {
        assertEquals(canonical, NumberSyntax.canonical(value));
    }
}
