package org.planesearch.core.stochastic;

import java.util.EnumSet;
import java.util.Set;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.text.Numbers;

/**
 * SLS, the stochastic Armijo line search (Vaswani, Mishkin, Laradji, Schmidt, Gidel and
 * Lacoste-Julien 2019, "Painless stochastic gradient: interpolation, line-search, and
 * convergence rates", NeurIPS; the authors' {@code sls} package, {@code Sls} and {@code SlsAcc},
 * {@code IssamLaradji/sls} @ 1934653; spec "layerwise-and-adaptive-steps" §C.1). Per mini-batch B,
 * with g = ∇f_B(x₀):
 * <pre>
 *   η ← reset(η)                          KEEP: η;  GROW: min(η·γ^{1/n}, η_max);  INITIAL: η₀
 *   if ‖g‖ ≥ 1e-8:
 *     repeat at most 100 times:
 *       x = x₀ − η g                       (one value f_B(x) per trial)
 *       if f_B(x) ≤ f_B(x₀) − c η ‖g‖²: accept            (Armijo)
 *       else η ← β_b η
 *     none accepted: x = x₀ − 1e-6 g       (the package's fallback; η keeps its shrunk value)
 *   else: x = x₀                           (no step)
 *   SlsAcc (momentum μ &gt; 0):  x ← x + μ (x₀ − x₋₁)     (Polyak; x₋₁ the previous step's x₀)
 * </pre>
 * η is kept from step to step (one scalar for the whole model); n is the number of batches per
 * epoch, so GROW lets η grow by at most γ per epoch, and backtracking is rare in the steady state
 * (about one extra batch evaluation per step).
 *
 * <p><b>The same batch for the gradient and the trials.</b> The paper's Appendix F.1 describes a
 * line search on a batch independent of the gradient's; the code, and this class, evaluate the
 * trials on the gradient's batch (the {@code Objective} passed to {@link StochasticState#step}),
 * which is what makes the Armijo test well posed: g is the exact gradient of the function being
 * searched, so for c &lt; 1 some η &gt; 0 always passes. The discrepancy is {@code sls} issue #8
 * (confirmed, not fixed). The authors' per-step reseeding of dropout masks is not needed here:
 * our batch objectives are deterministic functions of x.
 *
 * <p><b>Goldstein</b> ({@link Condition#GOLDSTEIN}, the package's {@code line_search_fn="goldstein"}):
 * the trial must also satisfy f_B(x) ≥ f_B(x₀) − (1 − c) η ‖g‖²; a trial that satisfies only
 * Armijo means η is too small: η ← min(β_f η, η_max); one that satisfies only the second test
 * (or neither: a NaN or infinite trial value) means η is too large: η ← max(β_b η, 1e-8).
 * Needs c ≤ ½ (then one of the two always holds at a finite value). When the 100 trials run out
 * the last trial point is kept if it satisfied Armijo (as the package does), and otherwise the
 * 1e-6 fallback is taken (the package keeps that point too, though it may have increased f_B).
 *
 * <p><b>Deviations from {@code sls} @ 1934653</b>, all documented in {@code docs/design-notes.md}:
 * η_max also bounds the GROW reset (the package applies it only in the Goldstein forward step;
 * its later {@code reset_option=11} and forks bound the reset as we do) — without it η grows
 * geometrically on batches where the first trial always passes; give
 * {@code Double.POSITIVE_INFINITY} for the package's unbounded Armijo growth. Non-finite trial
 * values are rejected (the package's Armijo test rejects them as well: NaN ≤ a is false; its
 * Goldstein test raises an error).
 *
 * <p>Events: {@link StepEvent#BACKTRACKED} when η was shrunk at least once,
 * {@link StepEvent#SEARCH_FAILED} when no trial was accepted, {@link StepEvent#STEP_SKIPPED} when
 * ‖g‖ &lt; 1e-8. Rates reported: the step size applied along −g ({@code learning rate}: the
 * accepted η, 1e-6 for the fallback, 0 for a skipped step). Counts: one gradient, and one value
 * per trial.
 *
 * <p>The rule is an immutable, thread-safe configuration; its states are not thread-safe.
 *
 * @param initialStep η₀, the stored η before the first step (and the reset value of INITIAL),
 *     finite, &gt; 0 and ≤ maxStep; default 1 ({@code init_step_size})
 * @param sufficientDecrease c, in (0, 1) (≤ ½ for Goldstein); default 0.1 ({@code c})
 * @param backtrackFactor β_b, the shrink factor per rejected trial, in (0, 1); default 0.9
 *     ({@code beta_b})
 * @param growthFactor γ, the growth per epoch of the GROW reset, finite and ≥ 1; default 2
 *     ({@code gamma}; the paper's kernel and matrix-factorisation runs use 1.5)
 * @param forwardFactor β_f, Goldstein's growth when a trial is too short, finite and &gt; 1;
 *     default 2 ({@code beta_f}); unused by Armijo
 * @param reset how each step's first trial is chosen; default GROW ({@code reset_option=1};
 *     SlsAcc: KEEP, {@code reset_option=0})
 * @param batchesPerEpoch n of the GROW reset, ≥ 1, or {@link #FROM_RUN} (0, the default): the
 *     run's steps per epoch, which the {@link StochasticTrainer} passes
 *     ({@code n_batches_per_epoch}, whose package default of 500 is a placeholder for the same)
 * @param maxStep η_max, the bound on the GROW reset and on Goldstein's growth, &gt; 0 (may be
 *     infinite: no bound); default 10 ({@code eta_max})
 * @param condition ARMIJO (default, {@code line_search_fn="armijo"}) or GOLDSTEIN
 * @param momentum μ of SlsAcc's Polyak step, in [0, 1); default 0 (plain SLS); SlsAcc: 0.6
 */
public record StochasticArmijo(double initialStep, double sufficientDecrease, double backtrackFactor, double growthFactor,
                               double forwardFactor, Reset reset, int batchesPerEpoch, double maxStep, Condition condition,
                               double momentum) implements StochasticRule {

    /** {@link #batchesPerEpoch()} value: take n from the run ({@link #newState(ParameterLayout, long, int)}). */
    public static final int FROM_RUN = 0;
    /** Trials per step before the fallback ({@code sls}: 100). */
    public static final int MAX_TRIALS = 100;
    /** The step along −g when no trial is accepted ({@code sls}: 1e-6). */
    public static final double FALLBACK_STEP = 1e-6;
    /** ‖g‖ below which the step is skipped ({@code sls}: 1e-8). */
    public static final double MIN_GRADIENT_NORM = 1e-8;
    /** Goldstein's lower bound on η when it shrinks ({@code sls}: 1e-8). */
    public static final double MIN_GOLDSTEIN_STEP = 1e-8;

    /** How each step's first trial η is chosen from the stored one ({@code reset_option}). */
    public enum Reset {
        /** η as stored: the last accepted step ({@code reset_option=0}, SlsAcc's default). */
        KEEP,
        /** η·γ^{1/n}, bounded by η_max: at most ×γ per epoch of n steps ({@code reset_option=1}, the default). */
        GROW,
        /** η₀ at every step ({@code reset_option=2}). */
        INITIAL
    }

    /** Which test accepts a trial. */
    public enum Condition {
        /** Sufficient decrease only (Armijo 1966), backtracking. */
        ARMIJO,
        /** Sufficient decrease and the Goldstein lower bound, shrinking or growing η. */
        GOLDSTEIN
    }

    public StochasticArmijo {
        if (reset == null || condition == null) {
            throw new IllegalArgumentException("StochasticArmijo: reset and condition must not be null");
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("StochasticArmijo: maxStep must be > 0, got " + maxStep);
        }
        if (!(initialStep > 0 && initialStep <= maxStep && initialStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("StochasticArmijo: initialStep must be finite and in (0, maxStep = "
                    + Numbers.shortest(maxStep) + "], got " + initialStep);
        }
        boolean goldstein = condition == Condition.GOLDSTEIN;
        if (!(sufficientDecrease > 0 && (goldstein ? sufficientDecrease <= 0.5 : sufficientDecrease < 1))) {
            throw new IllegalArgumentException("StochasticArmijo: sufficientDecrease must be in "
                    + (goldstein ? "(0, 0.5] for Goldstein" : "(0, 1)") + ", got " + sufficientDecrease);
        }
        if (!(backtrackFactor > 0 && backtrackFactor < 1)) {
            throw new IllegalArgumentException("StochasticArmijo: backtrackFactor must be in (0, 1), got " + backtrackFactor);
        }
        if (!(growthFactor >= 1 && growthFactor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("StochasticArmijo: growthFactor must be finite and >= 1, got " + growthFactor);
        }
        if (!(forwardFactor > 1 && forwardFactor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("StochasticArmijo: forwardFactor must be finite and > 1, got " + forwardFactor);
        }
        if (batchesPerEpoch < 0) {
            throw new IllegalArgumentException("StochasticArmijo: batchesPerEpoch must be >= 1, or 0 for the run's, got "
                    + batchesPerEpoch);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("StochasticArmijo: momentum must be in [0, 1), got " + momentum);
        }
    }

    /**
     * SLS as the package's {@code Sls}: η₀ = 1, c = 0.1, β_b = 0.9, γ = 2, β_f = 2, GROW with n
     * from the run, η_max = 10, Armijo, no momentum.
     */
    public static StochasticArmijo defaults() {
        return new StochasticArmijo(1, 0.1, 0.9, 2, 2, Reset.GROW, FROM_RUN, 10, Condition.ARMIJO, 0);
    }

    /**
     * SlsAcc, the package's Polyak-momentum variant: as {@link #defaults()} with momentum 0.6 and
     * the KEEP reset ({@code reset_option=0}: η never grows back, it only shrinks).
     */
    public static StochasticArmijo accelerated() {
        return new StochasticArmijo(1, 0.1, 0.9, 2, 2, Reset.KEEP, FROM_RUN, 10, Condition.ARMIJO, 0.6);
    }

    /** The same rule with n fixed (≥ 1) or taken from the run ({@link #FROM_RUN}). */
    public StochasticArmijo withBatchesPerEpoch(int n) {
        return new StochasticArmijo(initialStep, sufficientDecrease, backtrackFactor, growthFactor, forwardFactor, reset, n,
                maxStep, condition, momentum);
    }

    /** The same rule with another reset. */
    public StochasticArmijo withReset(Reset r) {
        return new StochasticArmijo(initialStep, sufficientDecrease, backtrackFactor, growthFactor, forwardFactor, r,
                batchesPerEpoch, maxStep, condition, momentum);
    }

    /** The same rule with another acceptance test. */
    public StochasticArmijo withCondition(Condition c) {
        return new StochasticArmijo(initialStep, sufficientDecrease, backtrackFactor, growthFactor, forwardFactor, reset,
                batchesPerEpoch, maxStep, c, momentum);
    }

    /** The same rule with another Polyak momentum μ. */
    public StochasticArmijo withMomentum(double mu) {
        return new StochasticArmijo(initialStep, sufficientDecrease, backtrackFactor, growthFactor, forwardFactor, reset,
                batchesPerEpoch, maxStep, condition, mu);
    }

    /** The same rule with another bound η_max (infinite for none). */
    public StochasticArmijo withMaxStep(double max) {
        return new StochasticArmijo(initialStep, sufficientDecrease, backtrackFactor, growthFactor, forwardFactor, reset,
                batchesPerEpoch, max, condition, momentum);
    }

    /**
     * A fresh state with n = {@link #batchesPerEpoch()}. With {@link #FROM_RUN} and the GROW reset
     * n is unknown here: use {@link #newState(ParameterLayout, long, int)} (the trainer does) or
     * {@link #withBatchesPerEpoch}.
     *
     * @throws IllegalStateException for GROW with n from the run
     */
    @Override
    public StochasticState newState(ParameterLayout layout, long seed) {
        if (batchesPerEpoch == FROM_RUN && reset == Reset.GROW) {
            throw new IllegalStateException("StochasticArmijo: batchesPerEpoch is taken from the run: call"
                    + " newState(layout, seed, stepsPerEpoch) (the trainer does) or set it with withBatchesPerEpoch(n)");
        }
        return new State(layout, Math.max(1, batchesPerEpoch));
    }

    /** A fresh state; n = {@link #batchesPerEpoch()}, or stepsPerEpoch for {@link #FROM_RUN}. */
    @Override
    public StochasticState newState(ParameterLayout layout, long seed, int stepsPerEpoch) {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("StochasticArmijo: stepsPerEpoch must be >= 1, got " + stepsPerEpoch);
        }
        return new State(layout, batchesPerEpoch == FROM_RUN ? stepsPerEpoch : batchesPerEpoch);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("sls(initialStep=").append(Numbers.shortest(initialStep))
                .append(", sufficientDecrease=").append(Numbers.shortest(sufficientDecrease))
                .append(", backtrackFactor=").append(Numbers.shortest(backtrackFactor))
                .append(", reset=").append(reset.name().toLowerCase(java.util.Locale.ROOT));
        if (reset == Reset.GROW) {
            b.append(", growthFactor=").append(Numbers.shortest(growthFactor)).append(", batchesPerEpoch=")
                    .append(batchesPerEpoch == FROM_RUN ? "run" : Integer.toString(batchesPerEpoch));
        }
        b.append(", maxStep=").append(Numbers.shortest(maxStep));
        if (condition == Condition.GOLDSTEIN) {
            b.append(", condition=goldstein, forwardFactor=").append(Numbers.shortest(forwardFactor));
        }
        if (momentum > 0) {
            b.append(", momentum=").append(Numbers.shortest(momentum));
        }
        return b.append(')').toString();
    }

    /** The stored step size and buffers of one run. Not thread-safe. */
    public final class State implements StochasticState {
        /** γ^{1/n}, the GROW factor per step. */
        private final double growthPerStep;
        private final double[] gradient;
        /** x₀, the point of the step. */
        private final double[] start;
        /** x₋₁, the previous step's x₀ (SlsAcc only; empty otherwise). */
        private final double[] previous;
        private boolean hasPrevious;
        /** η, stored between steps. */
        private double stepSize;

        private State(ParameterLayout layout, int n) {
            int dim = layout.dimension();
            this.growthPerStep = Math.pow(growthFactor, 1.0 / n);
            this.gradient = new double[dim];
            this.start = new double[dim];
            this.previous = new double[momentum > 0 ? dim : 0];
            this.stepSize = initialStep;
        }

        @Override
        public BatchStep step(Objective batch, double[] x) {
            Set<StepEvent> events = EnumSet.noneOf(StepEvent.class);
            double eta = switch (reset) {
                case KEEP -> stepSize;
                case GROW -> Math.min(stepSize * growthPerStep, maxStep);
                case INITIAL -> initialStep;
            };
            double loss = batch.valueAndGradient(x, gradient);
            Vec.copy(x, start);
            double gradientNorm = Math.sqrt(Vec.dot(gradient, gradient));
            double applied = 0;
            int trials = 0;
            if (gradientNorm >= MIN_GRADIENT_NORM) {
                double squaredNorm = gradientNorm * gradientNorm; // ‖g‖², as the package squares its norm
                boolean found = false;
                boolean lastArmijo = false;
                double tried = eta;
                while (trials < MAX_TRIALS) {
                    tried = eta;
                    Vec.axpby(1.0, start, -eta, gradient, x);
                    double next = batch.value(x);
                    trials++;
                    // written as the package does: f(x) − (f(x₀) − (η·c)·‖g‖²) ≤ 0
                    lastArmijo = next - (loss - eta * sufficientDecrease * squaredNorm) <= 0;
                    if (condition == Condition.ARMIJO) {
                        if (lastArmijo) {
                            found = true;
                            break;
                        }
                        eta *= backtrackFactor;
                        events.add(StepEvent.BACKTRACKED);
                    } else {
                        boolean longEnough = next >= loss - eta * (1 - sufficientDecrease) * squaredNorm;
                        if (lastArmijo && longEnough) {
                            found = true;
                            break;
                        }
                        if (lastArmijo) { // too short
                            eta = Math.min(eta * forwardFactor, maxStep);
                        } else { // too long, or a non-finite value
                            eta = Math.max(eta * backtrackFactor, MIN_GOLDSTEIN_STEP);
                            events.add(StepEvent.BACKTRACKED);
                        }
                    }
                }
                if (found) {
                    applied = eta;
                } else if (condition == Condition.GOLDSTEIN && lastArmijo) {
                    applied = tried; // x is the last trial, which decreased f_B enough
                    events.add(StepEvent.SEARCH_FAILED);
                } else {
                    Vec.axpby(1.0, start, -FALLBACK_STEP, gradient, x);
                    applied = FALLBACK_STEP;
                    events.add(StepEvent.SEARCH_FAILED);
                }
            } else {
                events.add(StepEvent.STEP_SKIPPED);
            }
            stepSize = eta;
            if (momentum > 0) {
                if (hasPrevious) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] += momentum * (start[i] - previous[i]);
                    }
                }
                Vec.copy(start, previous);
                hasPrevious = true;
            }
            return new BatchStep(loss, new double[] {applied}, trials, 1, 0, events);
        }

        @Override
        public String[] rateNames() {
            return new String[] {"learning rate"};
        }

        /** η, the stored step size (the next step's first trial before its reset). */
        public double stepSize() {
            return stepSize;
        }
    }
}
