package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Exp} against {@code Math.exp}: accuracy over the domain, the clamps, special values, block = scalar. */
class ExpTest {

    private static double ulps(double expected, double actual) {
        return Math.abs(expected - actual) / Math.ulp(expected);
    }

    @Test
    void withinOneUlpOfMathExpOverTheDomainAndTheSameBitsInBlocks() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 200_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // half near 0 (the kernels' usual arguments), half over the whole domain
            x[i] = i % 2 == 0 ? -40 * rng.nextDouble() + 5 * rng.nextDouble()
                    : Exp.MIN_ARGUMENT + (Exp.MAX_ARGUMENT - Exp.MIN_ARGUMENT) * rng.nextDouble();
        }
        double[] v = x.clone();
        Exp.inPlace(v, n, new double[n]);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(Math.exp(x[i]), v[i]));
            assertEquals(Double.doubleToLongBits(Exp.of(x[i])), Double.doubleToLongBits(v[i]), "block = scalar at " + x[i]);
        }
        assertTrue(worst <= 1, "worst error " + worst + " ulp");
    }

    @Test
    void exactAtZeroAndClampedOutsideTheDomain() {
        assertEquals(1.0, Exp.of(0.0), 0.0);
        assertEquals(1.0, Exp.of(-0.0), 0.0);
        assertEquals(Math.E, Exp.of(1.0), Math.ulp(Math.E));
        assertEquals(Exp.of(Exp.MIN_ARGUMENT), Exp.of(-1e6), 0.0, "below the domain: e^{-708}");
        assertEquals(Exp.of(Exp.MIN_ARGUMENT), Exp.of(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Exp.of(Exp.MIN_ARGUMENT) >= Double.MIN_NORMAL && Exp.of(Exp.MIN_ARGUMENT) < 1e-307);
        assertEquals(Exp.of(Exp.MAX_ARGUMENT), Exp.of(1e6), 0.0, "above the domain: e^{709}, finite");
        assertTrue(Double.isFinite(Exp.of(Double.POSITIVE_INFINITY)) && Exp.of(Exp.MAX_ARGUMENT) > 1e307);
        assertTrue(Double.isNaN(Exp.of(Double.NaN)));
        double[] v = {Double.NaN, 0, -1e6};
        Exp.inPlace(v, 3, new double[3]);
        assertTrue(Double.isNaN(v[0]));
        assertEquals(1.0, v[1], 0.0);
        assertEquals(Exp.of(Exp.MIN_ARGUMENT), v[2], 0.0);
    }
}
