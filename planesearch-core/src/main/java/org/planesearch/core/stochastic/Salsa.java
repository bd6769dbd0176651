package org.planesearch.core.stochastic;

import java.util.EnumSet;
import java.util.Set;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.text.Numbers;

/**
 * SaLSa, the stable Armijo line search adaptation (Kenneweg, Kenneweg, Fumagalli and Hammer
 * 2024, "No learning rates needed: introducing SaLSa — stable Armijo line search adaptation",
 * IJCNN, arXiv 2407.20650; the authors' class {@code SaLSA} at commit 717b41c of
 * {@code TheMody/No-learning-rates-needed-Introducing-SALSA-Stable-Armijo-Line-Search-Adaptation};
 * spec "layerwise-and-adaptive-steps" §C.2): Adam's preconditioner with a step size
 * found by an Armijo line search whose two sides are smoothed over the steps, run only as often
 * as the step size keeps changing. Per mini-batch step t, with g = ∇f_B(x) and P the Adam
 * preconditioner:
 * <pre>
 *   r = max(η̄_fast/η̄_slow, η̄_slow/η̄_fast);  L = min(10, 1/((r − 1) + 1e-8));  τ ← τ + 1
 *   x ← x − w η x                                                   (decoupled weight decay)
 *   v ← β₂ v + (1−β₂) g²;  m ← β₁ m + (1−β₁) g;  P = 1/(√(v/(1−β₂ᵉ)) + 1e-8);  m̂ = m/(1−β₁ᵉ)
 *   η' = 1.1 η
 *   if t &lt; 10 or τ ≥ L:                                            (a search step; τ ← 0)
 *     s ← β₃ s + (1−β₃) Σ g²·P                                      (smoothed ‖g‖²_P)
 *     repeat at most 100 times:  x = x₀ − η' P g;  Δ = f_B(x₀) − f_B(x);  h' = β₃ h + (1−β₃) Δ
 *                                accept if Δ = 0, or if h' ≥ c η' s (then h ← h');  else η' ← 0.8 η'
 *     η ← η';  η̄_slow ← 0.99 η̄_slow + 0.01 η;  η̄_fast ← 0.9 η̄_fast + 0.1 η
 *   else:  x ← x − η'' P m̂                                          (a plain Adam step)
 * </pre>
 * The smoothed condition h_k ≥ c η s_k (h: the average decrease, s: the average squared
 * preconditioned gradient norm) is plain SLS Armijo for β₃ = 0 and P = I; it lets the noise of
 * single batches average out, and it accepts steps that increase f_B while the past decreases
 * carry h (non-monotone).
 *
 * <p><b>Two modes</b> ({@link Mode}). {@link Mode#CODE_PARITY} (the default) is the authors' code,
 * quirks included: e = t + 1, η'' = 1.1 η without storing it, the search is skipped when
 * f_B &lt; 1e-8 (an Adam step with η' instead, and η ← η'), 100 failed trials leave x at the last,
 * tiny trial, and both step-size averages start at 1e-8. {@link Mode#PAPER} is our reading of the
 * paper's equations without the code's artefacts: e = t (Adam's bias correction), η'' = η, any
 * sign of f_B (the test uses differences only), 100 failed trials take no step, and η̄ are
 * bias-corrected averages, so L measures how fast η changes rather than how far it is from 1e-8.
 * The default is CODE_PARITY because every published SaLSa number (the paper's table) came from
 * that code and it has parity vectors (spec §C.3), while PAPER is a reconstruction the paper's text
 * could not confirm. Its quirks are harmless for the library's losses, which are all ≥ 0; see
 * {@code docs/design-notes.md}.
 *
 * <p><b>Quirks of the code</b> (spec §C.2; CODE_PARITY reproduces 1–6):
 * <ol>
 *   <li>Bias correction with exponent t + 1: at t = 1, v̂ ≈ g²/2.</li>
 *   <li>Search steps move along P g (RMSprop-like; the authors' {@code use_mv=False}, "to make it
 *       the same as paper"); skipped steps along P m̂ with η'' = 1.1 η and η not updated. PAPER
 *       keeps P g for search steps (the direction whose slope is the paper's ‖g‖²_P), and takes η.</li>
 *   <li>Non-monotone acceptance (both modes: it is the paper's criterion).</li>
 *   <li>No search when f_B &lt; 1e-8 (any negative loss included): an Adam step with momentum and
 *       η ← 1.1 η instead. Both modes skip the search when s &lt; 1e-8; PAPER then takes the plain
 *       Adam step with η.</li>
 *   <li>After 100 rejected trials the last one (η' · 0.8⁹⁹) stays; there is no 1e-6 fallback as in
 *       {@link StochasticArmijo}. PAPER returns to x₀. Both store η = η' · 0.8¹⁰⁰.</li>
 *   <li>L = 10 at t = 1 (both averages 1e-8); after the first search the fast average runs ahead
 *       and L drops below 1 (0.11 at t = 2), so the search runs every step until η settles.</li>
 * </ol>
 * Quirk 7 (β₂ = 0 gives sign descent, not SGD) follows from the update in both modes. The
 * authors' per-step dropout reseeding is not needed: batch objectives are deterministic. Their
 * NaN check (an exception) is the trainer's {@link StochasticTermination#NON_FINITE}.
 *
 * <p>Events: {@link StepEvent#SEARCH_SKIPPED} (the cadence, or the 1e-8 guards),
 * {@link StepEvent#BACKTRACKED} (η' shrunk at least once), {@link StepEvent#SEARCH_FAILED} (100
 * trials rejected). Rates reported: the step size applied ({@code learning rate}: the accepted
 * η', the last trial's on failure in CODE_PARITY and 0 in PAPER, η' or η on plain Adam steps).
 * Counts: one gradient, one value per trial. Hard-wired constants (the code's) are the static
 * fields below.
 *
 * <p>The rule is an immutable, thread-safe configuration; its states are not thread-safe.
 *
 * @param initialStep η₀, the stored η before the first step, finite and &gt; 0; default 1
 *     ({@code init_step_size})
 * @param sufficientDecrease c of the smoothed Armijo test, in (0, 1); default 0.5 ({@code c}; the
 *     code briefly defaulted to 0.75 in April 2025; the README suggests 0.7 for Mamba)
 * @param beta1 β₁ of Adam's first moment, in [0, 1); default 0.9 ({@code momentum[0]})
 * @param beta2 β₂ of Adam's second moment, in [0, 1); default 0.999 ({@code momentum[1]})
 * @param beta3 β₃ of the smoothing of h and s, in [0, 1); default 0.9 ({@code momentum[2]})
 * @param cadence whether searches are skipped by the L cadence after the first 10 steps;
 *     default true ({@code speed_up}); false searches every step
 * @param weightDecay w of the decoupled weight decay x ← x − w η x, finite and ≥ 0; default 0
 *     ({@code weight_decay})
 * @param mode CODE_PARITY (default) or PAPER, see above
 */
public record Salsa(double initialStep, double sufficientDecrease, double beta1, double beta2, double beta3,
                    boolean cadence, double weightDecay, Mode mode) implements StochasticRule {

    /** δ, the shrink factor per rejected trial (hard-wired in the code). */
    public static final double BACKTRACK_FACTOR = 0.8;
    /** The growth of η into each search's first trial η' (hard-wired). */
    public static final double GROWTH_FACTOR = 1.1;
    /** Adam's ε in P = 1/(√v̂ + ε) (hard-wired). */
    public static final double EPSILON = 1e-8;
    /** The decay of the slow step-size average (hard-wired). */
    public static final double SLOW_AVERAGING = 0.99;
    /** The decay of the fast step-size average (hard-wired). */
    public static final double FAST_AVERAGING = 0.9;
    /** Trials per search (hard-wired). */
    public static final int MAX_TRIALS = 100;
    /** The cap on the search period L (hard-wired). */
    public static final double MAX_PERIOD = 10;
    /** Steps t &lt; this always search (hard-wired). */
    public static final int WARM_START = 10;
    /** f_B (CODE_PARITY) and s below which no search is run (hard-wired). */
    public static final double GUARD = 1e-8;

    /** Which SaLSa: the authors' code, quirks included, or our reading of the paper. */
    public enum Mode {
        /** The authors' code @ 717b41c with quirks 1–6 of the spec's §C.2 (the default). */
        CODE_PARITY,
        /** The paper's equations without the code's artefacts (our reconstruction; see the class comment). */
        PAPER
    }

    public Salsa {
        if (mode == null) {
            throw new IllegalArgumentException("Salsa: mode must not be null");
        }
        if (!(initialStep > 0 && initialStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Salsa: initialStep must be finite and > 0, got " + initialStep);
        }
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
            throw new IllegalArgumentException("Salsa: sufficientDecrease must be in (0, 1), got " + sufficientDecrease);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Salsa: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Salsa: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(beta3 >= 0 && beta3 < 1)) {
            throw new IllegalArgumentException("Salsa: beta3 must be in [0, 1), got " + beta3);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Salsa: weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** The authors' defaults: η₀ = 1, c = 0.5, β = (0.9, 0.999, 0.9), cadence on, no weight decay, CODE_PARITY. */
    public static Salsa defaults() {
        return new Salsa(1, 0.5, 0.9, 0.999, 0.9, true, 0, Mode.CODE_PARITY);
    }

    /** The same rule in another mode. */
    public Salsa withMode(Mode m) {
        return new Salsa(initialStep, sufficientDecrease, beta1, beta2, beta3, cadence, weightDecay, m);
    }

    /** The same rule with another decoupled weight decay w. */
    public Salsa withWeightDecay(double w) {
        return new Salsa(initialStep, sufficientDecrease, beta1, beta2, beta3, cadence, w, mode);
    }

    /** The same rule with the L cadence on or off (off: a search every step). */
    public Salsa withCadence(boolean on) {
        return new Salsa(initialStep, sufficientDecrease, beta1, beta2, beta3, on, weightDecay, mode);
    }

    @Override
    public StochasticState newState(ParameterLayout layout, long seed) {
        return new State(layout.dimension());
    }

    @Override
    public String describe() {
        return "salsa(initialStep=" + Numbers.shortest(initialStep) + ", sufficientDecrease="
                + Numbers.shortest(sufficientDecrease) + ", beta1=" + Numbers.shortest(beta1) + ", beta2="
                + Numbers.shortest(beta2) + ", beta3=" + Numbers.shortest(beta3) + (cadence ? "" : ", cadence=false")
                + (weightDecay > 0 ? ", weightDecay=" + Numbers.shortest(weightDecay) : "")
                + ", mode=" + (mode == Mode.PAPER ? "paper" : "code") + ")";
    }

    /** Adam's moments, the smoothed Armijo sides, the step size and its averages of one run. Not thread-safe. */
    public final class State implements StochasticState {
        private final boolean parity = mode == Mode.CODE_PARITY;
        private final double[] gradient;
        /** x₀ of a search step. */
        private final double[] start;
        /** m, Adam's first moment. */
        private final double[] first;
        /** v, Adam's second moment. */
        private final double[] second;
        /** P, the preconditioner of this step. */
        private final double[] preconditioner;
        /** t, steps taken. */
        private long steps;
        /** τ, steps since the last search (the code starts it at 100). */
        private long sinceSearch = 100;
        /** Searches run (for PAPER's bias-corrected averages). */
        private long searches;
        /** η, the stored step size. */
        private double stepSize;
        /** η̄_slow and η̄_fast (CODE_PARITY: from 1e-8; PAPER: from 0, bias-corrected when read). */
        private double slowAverage;
        private double fastAverage;
        /** h, the smoothed decrease, and s, the smoothed squared preconditioned gradient norm. */
        private double decrease;
        private double squaredNorm;
        /** L of the latest step. */
        private double period;
        private boolean searched;
        private int backtracks;

        private State(int dim) {
            gradient = new double[dim];
            start = new double[dim];
            first = new double[dim];
            second = new double[dim];
            preconditioner = new double[dim];
            stepSize = initialStep;
            slowAverage = parity ? 1e-8 : 0;
            fastAverage = parity ? 1e-8 : 0;
        }

        @Override
        public BatchStep step(Objective batch, double[] x) {
            Set<StepEvent> events = EnumSet.noneOf(StepEvent.class);
            double loss = batch.valueAndGradient(x, gradient);
            steps++;
            double rate = rateOfChange();
            if (rate < 1) {
                rate = 1 / rate;
            }
            period = Math.min(MAX_PERIOD, 1 / ((rate - 1) + 1e-8));
            sinceSearch++;
            if (weightDecay != 0) {
                double shrink = weightDecay * stepSize;
                for (int i = 0; i < x.length; i++) {
                    x[i] = x[i] - shrink * x[i];
                }
            }
            for (int i = 0; i < x.length; i++) {
                double g = gradient[i];
                second[i] = (1 - beta2) * (g * g) + beta2 * second[i];
                first[i] = (1 - beta1) * g + beta1 * first[i];
            }
            double correction2 = 1 - Math.pow(beta2, biasExponent());
            for (int i = 0; i < x.length; i++) {
                preconditioner[i] = 1 / (Math.sqrt(second[i] / correction2) + EPSILON);
            }
            double trial = stepSize * GROWTH_FACTOR;
            double applied;
            int trials = 0;
            backtracks = 0;
            searched = !cadence || steps < WARM_START || sinceSearch >= period;
            if (searched) {
                sinceSearch = 0;
                Vec.copy(x, start);
                double norm = 0;
                for (int i = 0; i < x.length; i++) {
                    norm += gradient[i] * gradient[i] * preconditioner[i];
                }
                squaredNorm = squaredNorm * beta3 + norm * (1 - beta3);
                boolean guard = squaredNorm >= GUARD && (!parity || loss >= GUARD);
                if (guard) {
                    boolean found = false;
                    double tried = trial;
                    while (trials < MAX_TRIALS) {
                        tried = trial;
                        for (int i = 0; i < x.length; i++) {
                            x[i] = start[i] - trial * (preconditioner[i] * gradient[i]);
                        }
                        double next = batch.value(x);
                        trials++;
                        double delta = loss - next;
                        double smoothed = decrease * beta3 + delta * (1 - beta3);
                        if (delta == 0) {
                            found = true;
                            break;
                        }
                        if (smoothed >= trial * sufficientDecrease * squaredNorm) {
                            decrease = smoothed;
                            found = true;
                            break;
                        }
                        trial *= BACKTRACK_FACTOR;
                        backtracks++;
                    }
                    if (backtracks > 0) {
                        events.add(StepEvent.BACKTRACKED);
                    }
                    if (found) {
                        applied = trial;
                    } else {
                        events.add(StepEvent.SEARCH_FAILED);
                        if (parity) {
                            applied = tried; // quirk 5: the last trial point stays
                        } else {
                            Vec.copy(start, x);
                            applied = 0;
                        }
                    }
                } else {
                    events.add(StepEvent.SEARCH_SKIPPED);
                    applied = parity ? trial : stepSize; // quirk 4: η' and η ← η' in the code
                    adamStep(applied, x);
                    if (!parity) {
                        return new BatchStep(loss, new double[] {applied}, 0, 1, 0, events);
                    }
                }
                stepSize = trial;
                slowAverage = slowAverage * SLOW_AVERAGING + trial * (1 - SLOW_AVERAGING);
                fastAverage = fastAverage * FAST_AVERAGING + trial * (1 - FAST_AVERAGING);
                searches++;
            } else {
                events.add(StepEvent.SEARCH_SKIPPED);
                applied = parity ? trial : stepSize; // quirk 2: η' applied, η not stored
                adamStep(applied, x);
            }
            return new BatchStep(loss, new double[] {applied}, trials, 1, 0, events);
        }

        /** x ← x − η P m̂ (m̂ with this step's bias correction). */
        private void adamStep(double eta, double[] x) {
            double correction1 = 1 - Math.pow(beta1, biasExponent());
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] - eta * (preconditioner[i] * (first[i] / correction1));
            }
        }

        /** The exponent of the bias corrections: t + 1 (quirk 1, CODE_PARITY) or t (PAPER), at least 1. */
        private long biasExponent() {
            return Math.max(1, parity ? steps + 1 : steps);
        }

        /** η̄_fast / η̄_slow: raw (CODE_PARITY) or bias-corrected (PAPER; 1 before the first search). */
        private double rateOfChange() {
            if (parity) {
                return fastAverage / slowAverage;
            }
            if (searches == 0) {
                return 1;
            }
            double fast = fastAverage / (1 - Math.pow(FAST_AVERAGING, searches));
            double slow = slowAverage / (1 - Math.pow(SLOW_AVERAGING, searches));
            return fast / slow;
        }

        @Override
        public String[] rateNames() {
            return new String[] {"learning rate"};
        }

        /** η, the stored step size. */
        public double stepSize() {
            return stepSize;
        }

        /** L, the search period computed at the latest step (10 at the first). */
        public double searchPeriod() {
            return period;
        }

        /** t, the steps taken. */
        public long steps() {
            return steps;
        }

        /** Whether the latest step ran the line search. */
        public boolean searched() {
            return searched;
        }

        /** Rejected trials of the latest step (0 when it did not search). */
        public int backtracks() {
            return backtracks;
        }
    }
}
