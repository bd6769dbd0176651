package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The activation kernels: values and derivatives against {@code StrictMath} references in ulp,
 * derivatives against central differences, extreme arguments, block against scalar bits, and
 * the distance of the tanh-approximated GELU from the exact u·Φ(u).
 */
class ActivationTest {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    static double ulps(double value, double reference) {
        return value == reference ? 0 : Math.abs(value - reference) / Math.ulp(reference);
    }

    /** s(u) = 1/(1 + e⁻ᵘ) in its stable textbook form. */
    static double logistic(double u) {
        return u >= 0 ? 1 / (1 + StrictMath.exp(-u)) : StrictMath.exp(u) / (1 + StrictMath.exp(u));
    }

    /** Half the arguments uniform in [−30, 30], half tiny (|u| from 10⁻¹⁰ to 1). */
    private static double[] arguments(int count) {
        SplittableRandom rng = new SplittableRandom(2);
        double[] u = new double[count];
        for (int i = 0; i < count; i++) {
            u[i] = i % 2 == 0 ? (rng.nextDouble() - 0.5) * 60
                    : (rng.nextDouble() - 0.5) * 2 * Math.pow(10, -10 * rng.nextDouble());
        }
        return u;
    }

    /** Worst ulp errors of (σ, σ', σ'') over the arguments, against the references. */
    private static double[] worstUlps(Activation a, double[] u) {
        double[] worst = new double[3];
        for (int i = 0; i < u.length; i++) {
            double x = u[i];
            double[] ref = switch (a) {
                case TANH -> {
                    double t = StrictMath.tanh(x);
                    double ch = StrictMath.cosh(x);
                    yield new double[] {t, 1 / (ch * ch), -2 * t / (ch * ch)};
                }
                case SIGMOID -> {
                    double d = logistic(x) * logistic(-x);
                    yield new double[] {logistic(x), d, -d * StrictMath.tanh(x / 2)};
                }
                case SOFTPLUS -> new double[] {
                    x > 0 ? x + StrictMath.log1p(StrictMath.exp(-x)) : StrictMath.log1p(StrictMath.exp(x)),
                    logistic(x), logistic(x) * logistic(-x)};
                default -> throw new AssertionError(a);
            };
            double[] got = {a.value(x), a.derivative(x), a.secondDerivative(x)};
            for (int k = 0; k < 3; k++) {
                if (Math.abs(ref[k]) > 1e-300) {
                    worst[k] = Math.max(worst[k], ulps(got[k], ref[k]));
                }
            }
        }
        return worst;
    }

    @Test
    void smoothActivationsAreWithinAFewUlp() {
        double[] u = arguments(40_000);
        // measured worst over 400,000 arguments: tanh 4 / 8 / 10, sigmoid 2 / 3 / 6, softplus 2 / 2 / 3
        double[][] bounds = {{6, 12, 16}, {4, 6, 10}, {4, 4, 6}};
        Activation[] kinds = {Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS};
        for (int a = 0; a < kinds.length; a++) {
            double[] worst = worstUlps(kinds[a], u);
            for (int k = 0; k < 3; k++) {
                assertTrue(worst[k] <= bounds[a][k], kinds[a] + " derivative " + k + ": " + worst[k] + " ulp");
            }
        }
    }

    @Test
    void geluIsTheTanhApproximationToRoundingAndWithin5e4OfTheExactOne() {
        double[] u = arguments(40_000);
        for (int i = 0; i < u.length; i++) {
            double x = u[i];
            if (Math.abs(x) > 20) {
                // the polynomial is evaluated at ±20 (documented): 0 or u up to 1e-250 relative
                double exact = x > 0 ? x : 0.0;
                assertEquals(exact, Activation.GELU.value(x), 1e-250 * Math.abs(x));
                continue;
            }
            double v = 2 * SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
            double expected = x * logistic(v);
            // exp's condition number |v| amplifies the rounding of v in both forms
            double tolerance = 8 * Math.ulp(expected) * (1 + Math.abs(v));
            assertEquals(expected, Activation.GELU.value(x), tolerance, "u = " + x);
            if (x > -3) {
                double textbook = 0.5 * x * (1 + StrictMath.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
                assertEquals(textbook, Activation.GELU.value(x), 1e-13 * Math.abs(textbook) + 1e-300);
            }
        }
        double gap = 0;
        for (double x = -10; x <= 10; x += 0.001) {
            gap = Math.max(gap, Math.abs(Activation.GELU.value(x) - x * normalCdf(x)));
        }
        // measured 4.73e-4 (at u ≈ −2.70)
        assertTrue(gap < 5e-4 && gap > 4e-4, "max |GELU_tanh − u·Φ(u)| = " + gap);
    }

    /** Φ(x) = ½ ± ∫₀^|x| φ by Simpson's rule on 8000 intervals (error below 1e-12). */
    private static double normalCdf(double x) {
        int m = 8000;
        double h = Math.abs(x) / m;
        double s = 0;
        for (int i = 0; i <= m; i++) {
            double t = i * h;
            double f = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
            s += (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        double integral = s * h / 3;
        return x >= 0 ? 0.5 + integral : 0.5 - integral;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativesMatchCentralDifferences(Activation a) {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            double u = (rng.nextDouble() - 0.5) * 16;
            if (a == Activation.RELU && Math.abs(u) < 1e-3) {
                continue;   // the kink
            }
            double h = 1e-5 * Math.max(1, Math.abs(u));
            double step = (u + h) - (u - h);
            double first = (a.value(u + h) - a.value(u - h)) / step;
            double second = (a.derivative(u + h) - a.derivative(u - h)) / step;
            assertEquals(first, a.derivative(u), 1e-8 * Math.max(1, Math.abs(first)), a + "' at " + u);
            assertEquals(second, a.secondDerivative(u), 1e-8 * Math.max(1, Math.abs(second)), a + "'' at " + u);
        }
    }

    @Test
    void extremeArgumentsGiveFiniteLimits() {
        double[] big = {40, 800, 1e300, Double.MAX_VALUE};
        for (int i = 0; i < big.length; i++) {
            double u = big[i];
            assertEquals(1.0, Activation.TANH.value(u), 0.0);
            assertEquals(-1.0, Activation.TANH.value(-u), 0.0);
            assertEquals(1.0, Activation.SIGMOID.value(u), 0.0);
            assertEquals(0.0, Activation.SIGMOID.value(-u), 1e-17);
            assertEquals(u, Activation.SOFTPLUS.value(u), Math.ulp(u));
            assertEquals(0.0, Activation.SOFTPLUS.value(-u), 1e-17);
            assertEquals(u, Activation.GELU.value(u), 0.0);
            assertEquals(0.0, Activation.GELU.value(-u), u <= 800 ? 1e-17 : 1e-250 * u);
            for (Activation a : Activation.values()) {
                assertTrue(Double.isFinite(a.derivative(u)) && Double.isFinite(a.derivative(-u)), a + "' at ±" + u);
                assertTrue(Double.isFinite(a.secondDerivative(u)) && Double.isFinite(a.secondDerivative(-u)),
                        a + "'' at ±" + u);
            }
        }
        assertEquals(1.0, Activation.GELU.derivative(1e300), 0.0);
        assertEquals(0.0, Activation.GELU.derivative(-1e300), 1e-17);
        // tiny arguments keep their relative accuracy (no 1 − e cancellation)
        assertEquals(1e-20, Activation.TANH.value(1e-20), 0.0);
        assertEquals(-1.25e-21, Activation.SIGMOID.secondDerivative(1e-20), 1e-36);   // −s'(0)·u/2 = −u/8
        assertEquals(0.0, Activation.RELU.derivative(0.0), 0.0);
        assertEquals(1.0, Activation.RELU.derivative(1e-300), 0.0);
        for (Activation a : Activation.values()) {
            assertTrue(Double.isNaN(a.value(Double.NaN)), a + " of NaN");
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void blocksGiveTheScalarBitsAlsoInPlace(Activation a) {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 3 * Activation.BLOCK + 17;
        double[] u = new double[n + 5];
        for (int i = 0; i < u.length; i++) {
            u[i] = (rng.nextDouble() - 0.5) * 12;
        }
        double[] v = new double[n + 5];
        double[] d1 = new double[n + 5];
        double[] d2 = new double[n + 5];
        Activation.Scratch s = new Activation.Scratch();
        a.apply(u, 5, n, v, d1, d2, s);
        double[] inPlace = u.clone();
        a.apply(inPlace, 5, n, inPlace, null, null, s);
        for (int i = 5; i < n + 5; i++) {
            assertEquals(Double.doubleToRawLongBits(a.value(u[i])), Double.doubleToRawLongBits(v[i]));
            assertEquals(Double.doubleToRawLongBits(a.derivative(u[i])), Double.doubleToRawLongBits(d1[i]));
            assertEquals(Double.doubleToRawLongBits(a.secondDerivative(u[i])), Double.doubleToRawLongBits(d2[i]));
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(inPlace[i]));
        }
        assertEquals(0.0, v[0], 0.0, "outside the range: untouched");
    }

    @Test
    void argumentsAreChecked() {
        double[] u = new double[10];
        double[] o = new double[10];
        Activation.Scratch s = new Activation.Scratch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.TANH.apply(u, 5, 6, o, null, null, s));
        assertTrue(e.getMessage().contains("u has length 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.TANH.apply(u, 0, 10, new double[3], null, null, s));
        assertThrows(IllegalArgumentException.class, () -> Activation.TANH.apply(u, 0, 10, o, o, null, s));
        assertThrows(IllegalArgumentException.class, () -> Activation.TANH.apply(u, 0, 10, o, u, null, s));
        assertThrows(IllegalArgumentException.class, () -> Activation.TANH.apply(u, 0, 10, o, null, null, null));
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.fromId(a.id()));
        }
        e = assertThrows(IllegalArgumentException.class, () -> Activation.fromId("swish"));
        assertTrue(e.getMessage().contains("tanh, sigmoid, softplus, gelu, relu"), e.getMessage());
    }
}
