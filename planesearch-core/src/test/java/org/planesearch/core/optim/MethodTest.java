package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planesearch.core.direction.Adam;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Lbfgs;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.stepsize.PlaneSearch;
import org.planesearch.core.stepsize.SubspaceOptimization;

class MethodTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gd+ps|gd + ps",
        "gd+lo|gd + lo",
        "GD+Armijo|gd + armijo",
        "lbfgs+wolfe|lbfgs(memory=10, curvatureThreshold=1e-10) + wolfe",
        "lbfgs+so3|lbfgs(memory=10, curvatureThreshold=1e-10) + so3",
        "adam+ps:per-layer|adam(beta1=0.9, beta2=0.999, epsilon=1e-8) + ps:per-layer",
    })
    void namesMapOntoRules(String name, String described) {
        assertEquals(described, Method.parse(name).describe());
    }

    @Test
    void optionsReachTheRecords() {
        Method m = Method.parse("heavyball+fixed", MethodOptions.defaults().withMomentum(0.5).withLearningRate(0.01));
        assertEquals(new HeavyBall(0.5), m.direction());
        assertEquals(new FixedStep(0.01), m.step());
        Method l = Method.parse("lbfgs+ps", MethodOptions.defaults().withMemory(3));
        assertEquals(3, ((Lbfgs) l.direction()).memory());
        assertInstanceOf(PlaneSearch.class, l.step());
        Method a = Method.parse("adam+fixed", MethodOptions.defaults().withAdam(0.8, Double.NaN, Double.NaN));
        assertEquals(0.8, ((Adam) a.direction()).beta1());
        assertEquals(Adam.defaults().beta2(), ((Adam) a.direction()).beta2());
        Method so = Method.parse("gd+so5");
        assertInstanceOf(Gradient.class, so.direction());
        assertEquals(5, ((SubspaceOptimization) so.step()).memory());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gd|must be <direction>+<step>",
        "sgd+ps|unknown direction 'sgd'",
        "gd+line|unknown step 'line'",
        "gd+so0|so<m> needs m >= 1",
        "gd+armijo:per-layer|per-layer steps exist",
        "gd+ps+lo|must be <direction>+<step>",
    })
    void badNamesAreExplained(String name, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Method.parse(name));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void optionsTheMethodDoesNotUseAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Method.parse("gd+ps", MethodOptions.defaults().withMomentum(0.9)));
        assertTrue(e.getMessage().contains("no momentum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Method.parse("gd+lo", MethodOptions.defaults().withLearningRate(0.1)));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Method.parse("gd+so3", MethodOptions.defaults().withMemory(3)));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedByTheRecords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Method.parse("heavyball+fixed", MethodOptions.defaults().withMomentum(1.5)));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }
}
