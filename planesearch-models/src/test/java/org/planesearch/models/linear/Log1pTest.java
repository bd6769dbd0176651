package org.planesearch.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Log1p} against {@code Math.log1p} over its domain [0, 1], with the kernels' arguments e = e^{−|m|}. */
class Log1pTest {

    private static double log1p(double e) {
        return Log1p.of(e, 1 / (1 + e));
    }

    @Test
    void withinOneUlpOfMathLog1pOnZeroToOne() {
        SplittableRandom rng = new SplittableRandom(21);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // uniform on [0, 1], and e^{−|m|} for |m| up to 40 and up to 708 (tiny arguments)
            double e = switch (i % 3) {
                case 0 -> rng.nextDouble();
                case 1 -> Math.exp(-40 * rng.nextDouble());
                default -> Math.exp(-708 * rng.nextDouble());
            };
            double expected = Math.log1p(e);
            worst = Math.max(worst, Math.abs(log1p(e) - expected) / Math.ulp(expected));
        }
        assertTrue(worst <= 1, "worst error " + worst + " ulp");
    }

    @Test
    void edgesOfTheDomain() {
        assertEquals(0.0, log1p(0.0), 0.0);
        assertEquals(Math.log(2), log1p(1.0), Math.ulp(Math.log(2)));
        assertEquals(1e-300, log1p(1e-300), 0.0);
        assertEquals(Math.log1p(Math.sqrt(2) - 1), log1p(Math.sqrt(2) - 1), Math.ulp(0.35));   // the k = 0 | 1 boundary
        double e = Math.nextUp(Math.sqrt(2) - 1);
        assertEquals(Math.log1p(e), log1p(e), Math.ulp(0.35));
    }
}
