package org.planesearch.models.linear;

/**
 * Binary logistic loss ℓ(z, y) = log(1 + exp(−m)), m = y·z, y ∈ {−1, +1}.
 * ℓ' = −y·σ(−m), ℓ'' = σ(m)·σ(−m), with σ(u) = 1/(1 + e^{−u}), all evaluated in forms that
 * neither overflow nor cancel, from one exponential e = e^{−|m|} ∈ (0, 1]:
 * log(1 + e^{−m}) = max(−m, 0) + log1p(e), σ(−m) = e/(1 + e) (m ≥ 0) or 1/(1 + e) (m &lt; 0),
 * ℓ'' = e/(1 + e)².
 *
 * <p>The kernels run on blocks of at most {@link ScalarLoss#BLOCK} examples as short loops of
 * pure arithmetic over zero-based scratch arrays, which HotSpot vectorizes: −|m|, then e
 * ({@link Exp}), then 1/(1 + e), then log1p(e) ({@link Log1p}), then max(−m, 0) = (|m| − m)/2
 * (exact, no branch), then the sum (even and odd examples in two chains); with derivatives, r and ℓ''. The choice
 * between e and 1 in σ(−m) is made without a branch (the sign of m is random across examples):
 * with g = min(1, max(0, −2⁶⁰m)), e + g(1 − e) is e for m ≥ 0 and exactly 1 for m ≤ −2⁻⁶⁰
 * (where 1 − e is then exact enough that the sum rounds to 1), and within 2⁻⁶⁰ of both in
 * between. One loop doing all of it ran at 16 ns per example (calls to {@code Math.exp} and
 * {@code Math.log}, branches), the staged loops at 6 ns, on the build machine; a loop body of
 * all the stages together is too large for HotSpot to vectorize.
 *
 * <p>Scratch: values = −|m| then e; work[0, BLOCK) = the exponentials' workspace, then 1/(1 + e);
 * extra = the losses ℓᵢ.
 */
final class LogisticLoss extends ScalarLoss {

    LogisticLoss(double[] y) {
        super(y);
    }

    /**
     * The block's losses: leaves e in scratch.values, 1/(1 + e) in scratch.work and ℓ in
     * scratch.extra (all from index 0), and returns s + Σ ℓ (a fixed order).
     */
    private double losses(double[] z, int shift, int from, int to, double s, Scratch scratch) {
        int n = to - from;
        double[] e = scratch.values;
        double[] inv = scratch.work;
        double[] l = scratch.extra;
        for (int q = 0; q < n; q++) {
            e[q] = -Math.abs(y[from + q] * z[from + q + shift]);
        }
        Exp.inPlace(e, n, inv);
        for (int q = 0; q < n; q++) {
            inv[q] = 1 / (1 + e[q]);
        }
        for (int q = 0; q < n; q++) {
            l[q] = Log1p.of(e[q], inv[q]);
        }
        for (int q = 0; q < n; q++) {
            double m = y[from + q] * z[from + q + shift];
            l[q] += 0.5 * (Math.abs(m) - m);
        }
        // even and odd examples in two chains, then added: a fixed order, half the latency
        double odd = 0;
        int last = n & ~1;
        double even = 0;
        for (int q = 0; q < last; q += 2) {
            even += l[q];
            odd += l[q + 1];
        }
        if (last < n) {
            even += l[last];
        }
        return s + (even + odd);
    }

    @Override
    double sum(double[] z, int shift, int from, int to, double s, Scratch scratch) {
        return losses(z, shift, from, to, s, scratch);
    }

    @Override
    double derivatives(double[] z, int shift, int from, int to, double scale, double[] rOut, double[] secondOut,
                       double s, Scratch scratch) {
        s = losses(z, shift, from, to, s, scratch);
        int n = to - from;
        double[] e = scratch.values;
        double[] inv = scratch.work;
        for (int q = 0; q < n; q++) {
            double yi = y[from + q];
            double m = yi * z[from + q + shift];
            double g = Math.min(1.0, Math.max(0.0, -0x1p60 * m));
            double ei = e[q];
            rOut[from + q] = -scale * yi * ((ei + g * (1 - ei)) * inv[q]);   // −scale·y·σ(−m)
        }
        for (int q = 0; q < n; q++) {
            double iq = inv[q];
            secondOut[from + q] = e[q] * iq * iq;                              // σ(m)σ(−m) = e/(1 + e)²
        }
        return s;
    }

    @Override
    void secondDerivatives(double[] z, double[] out) {
        for (int i = 0; i < rows; i++) {
            double e = Math.exp(-Math.abs(z[i]));
            double inv = 1 / (1 + e);
            out[i] = e * inv * inv;
        }
    }
}
