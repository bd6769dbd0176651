package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The block exponentials against {@code StrictMath} (fdlibm, within 1 ulp of the true values), and block against scalar bits. */
class ExponentialsTest {

    static double ulps(double value, double reference) {
        return value == reference ? 0 : Math.abs(value - reference) / Math.ulp(reference);
    }

    /** Half the arguments uniform over the whole domain, half tiny (|x| from 10⁻¹² to 1), where e − 1 must not cancel. */
    private static double[] arguments(int count) {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i % 2 == 0 ? -708 + 1417 * rng.nextDouble()
                    : (rng.nextDouble() - 0.5) * 2 * Math.pow(10, -12 * rng.nextDouble());
        }
        return x;
    }

    @Test
    void expIsWithinOneUlpAndExpm1WithinTwo() {
        double[] x = arguments(200_000);
        double worstExp = 0;
        double worstExpm1 = 0;
        for (int i = 0; i < x.length; i++) {
            worstExp = Math.max(worstExp, ulps(Exponentials.exp(x[i]), StrictMath.exp(x[i])));
            worstExpm1 = Math.max(worstExpm1, ulps(Exponentials.expm1(x[i]), StrictMath.expm1(x[i])));
        }
        assertTrue(worstExp <= 1, "exp: " + worstExp + " ulp");
        assertTrue(worstExpm1 <= 2, "expm1: " + worstExpm1 + " ulp");
    }

    @Test
    void blocksGiveTheScalarBits() {
        double[] x = arguments(1000);
        double[] e = new double[x.length];
        double[] em = new double[x.length];
        double[] e2 = new double[x.length];
        double[] work = new double[x.length];
        Exponentials.expAndExpm1(x, x.length, e, em);
        Exponentials.exp(x, x.length, e2, work);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Exponentials.exp(x[i])), Double.doubleToRawLongBits(e[i]));
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(e2[i]));
            assertEquals(Double.doubleToRawLongBits(Exponentials.expm1(x[i])), Double.doubleToRawLongBits(em[i]));
        }
    }

    @Test
    void edgesAreExactOrClamped() {
        assertEquals(1.0, Exponentials.exp(0.0), 0.0);
        assertEquals(0.0, Exponentials.expm1(0.0), 0.0);
        assertEquals(1e-300, Exponentials.expm1(1e-300), 0.0);
        assertEquals(-1.0, Exponentials.expm1(-1000), 0.0);
        assertEquals(StrictMath.exp(-708), Exponentials.exp(Double.NEGATIVE_INFINITY), Math.ulp(StrictMath.exp(-708)));
        assertTrue(Double.isFinite(Exponentials.exp(1e6)));
        assertTrue(Double.isNaN(Exponentials.exp(Double.NaN)));
        assertTrue(Double.isNaN(Exponentials.expm1(Double.NaN)));
    }
}
