package org.planesearch.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InitialStepGuessTest {

    @Test
    void constantIsConstant() {
        StepHistory h = new StepHistory();
        h.begin(10, -4, 100);
        assertEquals(1, InitialStepGuess.constant(1).initialStep(h));
        assertThrows(IllegalArgumentException.class, () -> InitialStepGuess.constant(0));
    }

    @Test
    void quadraticUsesMinFuncsFirstStepThenNocedalWright() {
        StepHistory h = new StepHistory();
        h.begin(10, -4, 8);
        InitialStepGuess q = InitialStepGuess.quadratic();
        assertEquals(1.0 / 8, q.initialStep(h), 0, "first iteration: min(1, 1/‖g‖₁)");
        h.accept(0.1);
        h.begin(9.5, -2, 5);
        assertEquals(2 * (9.5 - 10) / -2.0, q.initialStep(h), 1e-15, "2 (f_k − f_{k−1}) / φ'(0)");
        h.accept(0.3);
        h.begin(1, -1e-6, 5); // large predicted step: capped at 1
        assertEquals(1, q.initialStep(h));
        h.accept(1);
        h.begin(2, -1, 0.5); // f increased: back to the first-iteration rule
        assertEquals(1, q.initialStep(h));
        h.reset();
        h.begin(2, -1, 4);
        assertEquals(0.25, q.initialStep(h));
    }

    @Test
    void previousStepTimesFactor() {
        StepHistory h = new StepHistory();
        h.begin(10, -4, 2);
        InitialStepGuess p = InitialStepGuess.previous(2);
        assertEquals(0.5, p.initialStep(h));
        h.accept(0.3);
        h.begin(9, -1, 2);
        assertEquals(0.6, p.initialStep(h), 1e-15);
    }
}
