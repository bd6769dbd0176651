package org.planesearch.core.stochastic;

import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceSearch;
import org.planesearch.core.subspace.SubspaceSearchResult;
import org.planesearch.core.text.Numbers;

/**
 * Subspace steps on mini-batches (the stochastic setting the subspace-optimization paper leaves
 * open, spec §4): on every batch, the coefficients t of D = [d, s₁, …, s_m] (d from the direction
 * rule on the batch gradient, sᵢ the previous steps taken; split per layer with
 * {@code perLayer}) minimise the batch's ψ_B(t) = f_B(x + D t) with core's {@link SubspaceSearch}
 * on the model's own evaluator (for two weight layers the SO-friendly one: trials cost O(B·h·c)
 * after the images of D). m = 0 is line optimization, m = 1 plane search (learning and momentum
 * rate), m ≥ 2 subspace optimization.
 *
 * <p><b>Independent search batch.</b> The searched direction is the one the direction rule made
 * from the <em>previous</em> batch's gradient, and the previous steps: none of the columns of D
 * depends on the batch ψ_B is evaluated on, so ψ_B(t) is an unbiased estimate of ψ(t) = f(x + D t)
 * for the fixed D. Searching the direction made from the same batch (the obvious choice, and
 * what the sls package does — its issue #8) overestimates the step: gᵀd_B and the batch's
 * decrease along its own gradient carry the batch noise ‖g_B − g‖², which dominates as the true
 * gradient shrinks, so the searched learning rates climb and f rises (measured: Adam + batch line
 * optimization on a small tanh network went from f = 0.76 after one epoch to 5.6 after seven,
 * rates 0.3 → 3; with the independent batch it converges). The direction is one step stale,
 * which for momentum and Adam directions (themselves averages over batches) costs little. The
 * first step has no previous direction and searches its own.
 *
 * <p><b>Stabilization: the averaged model</b> ({@code averagedModel}, the default). The minimiser
 * of an unbiased ψ_B is not an unbiased minimiser: batches whose curvature along D happens to be
 * low give huge steps (a heavy tail), and an average of searched coefficients is dominated by
 * them (measured: Adam + batch line optimization with the searched rates averaged went from
 * f = 0.71 to 1.9 and back over 15 epochs on a small tanh network, plane search to 3.5).
 * So by default the rule averages the batch's quadratic model instead — ∇ψ_B(0) and ∇²ψ_B(0),
 * exponentially with β = {@code averaging} (restarted while the subspace grows in the first
 * steps), the ratio-of-averages form that the layer-wise rule uses — and steps to the averaged
 * model's minimiser t̄ within the bounds below (active-set passes on the k×k quadratic; a
 * Levenberg shift where the averaged Hessian is not positive definite, event
 * {@link StepEvent#SUBSPACE_DAMPED}). One ψ evaluation (with derivatives, at t = 0: free for an
 * SO-friendly evaluator after the images) per step. Measured on the same network: f 0.29–0.32
 * after 15 epochs for gd/adam + lo/ps, none diverging. Where it does not help: near the optimum
 * of a small data set the model's slope along the previous batch's direction turns positive
 * (disjoint batches of one epoch are negatively correlated when Σ_B g_B ≈ 0), the learning rate
 * is held at 0 and the run stalls (n = 300, B = 32: gd+ps stalled at f = 0.318 where gd+lo
 * reached 0.295 and adam+ps 0.285); with n ≫ B the correlation, −B/(n − B), vanishes.
 *
 * <p><b>Batch search</b> ({@code averagedModel = false}). Each batch's ψ_B is minimised by core's
 * search and the step uses the exponential average of the searched coefficients,
 * t̄ ← β t̄ + (1 − β) t_B (t̄ = t_B on the first step; β = 0 gives the raw batch minimiser),
 * column by column. A search that fails
 * (no decrease on the batch, or non-finite ψ) leaves t̄ unchanged and takes it
 * ({@link StepEvent#SEARCH_FAILED}). Before averaging, each batch learning rate is limited to
 * ≥ 0 and each momentum coefficient to [0, {@value #MAX_MOMENTUM}]
 * ({@link StepEvent#SUBSPACE_DAMPED} when a limit binds), by active-set passes: a coefficient
 * out of its interval is fixed at the bound and the others are searched again (clipping one
 * coefficient of a joint minimiser is no minimiser when the columns are nearly parallel, as
 * Adam's consecutive directions are: measured, clipping alone let Adam + batch plane search's
 * learning rate run to 10⁸). Why the bounds: the direction need not be a descent
 * direction for the new batch (the learning rate is then 0), the 2-D (or k-D) batch minimiser
 * happily extrapolates along the previous step (momentum &gt; 1) and an averaged momentum above 1
 * makes the steps grow geometrically (measured: divergence within two epochs on a 4-layer
 * network without the limits). A non-finite d is replaced by −g and the direction rule reset
 * ({@link StepEvent#NON_DESCENT_DIRECTION}).
 *
 * <p><b>Cost.</b> One gradient on the batch (the evaluator's start), the images of the k columns
 * (one product with the batch for SO-friendly evaluators), and the cheap trials; the evaluator is
 * not asked to move (its gradient at the new point would be on the old batch), x ← x + D t̄
 * directly. Previous steps enter as explicit columns, since their images must be recomputed on
 * each new batch.
 *
 * @param direction the direction rule
 * @param memory m ≥ 0, the previous steps in D
 * @param perLayer one group of columns per layout layer
 * @param averaging β ∈ [0, 1)
 * @param search the subspace search
 */
public record BatchSubspace(DirectionRule direction, int memory, boolean perLayer, double averaging, SubspaceSearch search,
                            boolean averagedModel) implements StochasticRule {

    /** The largest momentum coefficient a batch step may apply (heavy ball is stable only below 1). */
    public static final double MAX_MOMENTUM = 0.99;

    public BatchSubspace {
        if (direction == null || search == null) {
            throw new IllegalArgumentException("BatchSubspace: direction and search must not be null");
        }
        if (memory < 0) {
            throw new IllegalArgumentException("subspace memory must be >= 0, got " + memory);
        }
        if (!(averaging >= 0 && averaging < 1)) {
            throw new IllegalArgumentException("subspace averaging must be in [0, 1), got " + averaging);
        }
    }

    /** The batch search: tolerance 10⁻⁶ and at most 20 Newton iterations (the batch's noise dwarfs a finer search). */
    public static SubspaceSearch batchSearch() {
        return SubspaceSearch.defaults().withGradientTolerance(1e-6).withMaxIterations(20);
    }

    /** Plane search (m = 1) on the averaged model with β = 0.9. */
    public static BatchSubspace planeSearch(DirectionRule direction) {
        return new BatchSubspace(direction, 1, false, 0.9, batchSearch(), true);
    }

    /** A copy with another memory, per-layer split or averaging. */
    public BatchSubspace with(int m, boolean layers, double beta) {
        return new BatchSubspace(direction, m, layers, beta, search, averagedModel);
    }

    /** A copy that searches each batch's ψ (false) or steps on the averaged model (true). */
    public BatchSubspace withAveragedModel(boolean on) {
        return new BatchSubspace(direction, memory, perLayer, averaging, search, on);
    }

    @Override
    public StochasticState newState(ParameterLayout layout, long seed) {
        return new State(layout, direction.newState(layout));
    }

    @Override
    public String describe() {
        String step = memory == 0 ? "lo" : memory == 1 ? "ps" : "so" + memory;
        return direction.describe() + " + batch-" + step + (perLayer ? ":per-layer" : "") + "(averaging="
                + Numbers.shortest(averaging) + ", " + (averagedModel ? "averaged model" : "batch search") + ")";
    }

    final class State implements StochasticState {
        private final ParameterLayout layout;
        private final DirectionState directionState;
        private final int groups;
        private final int perGroup;
        private final Subspace subspace;
        private final SubspaceSearch.State searchState;
        private final Map<Objective, SubspaceEvaluator> evaluators = new IdentityHashMap<>();
        private final double[] gradient;
        private final double[] d;
        /** The direction from this batch's gradient, searched on the next batch. */
        private final double[] next;
        private boolean haveDirection;
        private final double[][] steps;
        private int available;
        private final double[] norms;
        private final double[] average;
        private final double[] step;
        private boolean averaged;
        private final BoundedCoefficients bounded;
        private double[] modelGradient;
        private double[] modelHessian;
        private int modelColumns;

        State(ParameterLayout layout, DirectionState directionState) {
            this.layout = layout;
            this.directionState = directionState;
            this.groups = perLayer ? layout.layerCount() : 1;
            this.perGroup = memory + 1;
            int capacity = perGroup * groups;
            this.subspace = new Subspace(capacity);
            this.searchState = search.newState(capacity);
            int dim = layout.dimension();
            gradient = new double[dim];
            d = new double[dim];
            next = new double[dim];
            steps = new double[memory][dim];
            norms = new double[capacity];
            average = new double[capacity];
            step = new double[dim];
            bounded = new BoundedCoefficients(capacity);
        }

        private static boolean accepted(SubspaceSearchResult r) {
            return (r.status() == org.planesearch.core.subspace.SubspaceSearchStatus.CONVERGED
                    || r.status() == org.planesearch.core.subspace.SubspaceSearchStatus.BUDGET_EXHAUSTED)
                    && Vec.allFinite(r.t());
        }

        @Override
        public BatchStep step(Objective batch, double[] x) {
            Set<StepEvent> events = EnumSet.noneOf(StepEvent.class);
            SubspaceEvaluator ev = evaluator(batch);
            double f = ev.start(x, gradient);
            // the direction searched on this batch comes from the previous batch's gradient
            // (see "Independent search batch" above); the first step has none and uses its own
            if (haveDirection) {
                System.arraycopy(next, 0, d, 0, d.length);
            }
            directionState.direction(x, gradient, next);
            if (!Vec.allFinite(next)) {
                Vec.scale(-1.0, gradient, next);
                directionState.reset();
                events.add(StepEvent.NON_DESCENT_DIRECTION);
            }
            if (!haveDirection) {
                System.arraycopy(next, 0, d, 0, d.length);
                haveDirection = true;
            }
            subspace.clear();
            int cols = 1 + available;
            for (int b = 0; b < groups; b++) {
                int layer = groups == 1 ? Subspace.WHOLE : b;
                norms[subspace.addDirection(d, layer)] = nonZero(norm(d, layer));
                for (int i = 0; i < available; i++) {
                    norms[subspace.addDirection(steps[i], layer)] = nonZero(norm(steps[i], layer));
                }
            }
            SubspaceObjective psi = ev.restrict(subspace);
            int k = cols * groups;
            if (averagedModel) {
                int evaluations = modelStep(psi, k, cols, events);
                applyStep(d, x);
                return new BatchStep(f, average.clone(), evaluations, 1, 0, events);
            }
            double[] columnNorms = java.util.Arrays.copyOf(norms, k);
            SubspaceSearchResult r = searchState.search(psi, null, columnNorms, Vec.nrm2(gradient));
            int evaluations = r.evaluations();
            double[] t = accepted(r) ? r.t() : null;
            // active-set passes: a coefficient out of its interval is fixed at the bound and the
            // free ones are searched again (at most k passes)
            boolean[] fixed = new boolean[k];
            double[] values = new double[k];
            for (int pass = 0; t != null && pass < k; pass++) {
                boolean violated = false;
                for (int j = 0; j < k; j++) {
                    if (fixed[j]) {
                        continue;
                    }
                    double lower = 0;
                    double upper = j % cols == 0 ? Double.POSITIVE_INFINITY : MAX_MOMENTUM;
                    if (t[j] < lower || t[j] > upper) {
                        fixed[j] = true;
                        values[j] = t[j] < lower ? lower : upper;
                        violated = true;
                    }
                }
                if (!violated) {
                    break;
                }
                events.add(StepEvent.SUBSPACE_DAMPED);
                BoundedCoefficients view = bounded.view(psi, fixed, values);
                if (view.dimension() == 0) {
                    t = view.embed(new double[0]);
                    break;
                }
                double[] freeNorms = new double[view.dimension()];
                for (int j = 0, i = 0; j < k; j++) {
                    if (!fixed[j]) {
                        freeNorms[i++] = columnNorms[j];
                    }
                }
                SubspaceSearchResult again = searchState.search(view, null, freeNorms, Vec.nrm2(gradient));
                evaluations += again.evaluations();
                t = accepted(again) ? view.embed(again.t()) : view.embed(new double[view.dimension()]);
            }
            if (t != null) {
                for (int b = 0; b < groups; b++) {
                    for (int j = 0; j < perGroup; j++) {
                        int at = b * perGroup + j;
                        double tj = j < cols ? Math.min(j == 0 ? Double.POSITIVE_INFINITY : MAX_MOMENTUM,
                                Math.max(0, t[b * cols + j])) : 0;
                        average[at] = averaged ? averaging * average[at] + (1 - averaging) * tj : tj;
                    }
                }
                averaged = true;
            } else {
                events.add(StepEvent.SEARCH_FAILED);
            }
            applyStep(d, x);
            return new BatchStep(f, average.clone(), evaluations, 1, 0, events);
        }

        /** x ← x + D t̄ (t̄ = average), and the step joins the previous steps. */
        private void applyStep(double[] d, double[] x) {
            java.util.Arrays.fill(step, 0.0);
            for (int b = 0; b < groups; b++) {
                int layer = groups == 1 ? Subspace.WHOLE : b;
                int from = layer == Subspace.WHOLE ? 0 : layout.layer(layer).offset();
                int to = layer == Subspace.WHOLE ? step.length : layout.layer(layer).end();
                int at = b * perGroup;
                for (int i = from; i < to; i++) {
                    double s = average[at] * d[i];
                    for (int m = 0; m < memory && m < available; m++) {
                        s += average[at + 1 + m] * steps[m][i];
                    }
                    step[i] = s;
                }
            }
            Vec.axpy(1.0, step, x);
            if (memory > 0) {
                double[] oldest = steps[memory - 1];
                System.arraycopy(steps, 0, steps, 1, memory - 1);
                System.arraycopy(step, 0, oldest, 0, step.length);
                steps[0] = oldest;
                available = Math.min(available + 1, memory);
            }
        }

        /**
         * The averaged-model step: ψ_B's value, gradient and Hessian at t = 0 on this batch, their
         * exponential averages over batches (restarted when the subspace grows during the first
         * steps), and t̄ = argmin of the averaged quadratic model within the bounds.
         */
        private int modelStep(SubspaceObjective psi, int k, int cols, Set<StepEvent> events) {
            double[] zero = new double[k];
            double[] g0 = new double[k];
            double[] h0 = new double[k * k];
            psi.valueGradientHessian(zero, g0, h0);
            if (modelColumns != cols || modelGradient == null || modelGradient.length != k) {
                modelGradient = g0.clone();
                modelHessian = h0.clone();
                modelColumns = cols;
            } else {
                for (int i = 0; i < k; i++) {
                    modelGradient[i] = averaging * modelGradient[i] + (1 - averaging) * g0[i];
                }
                for (int i = 0; i < k * k; i++) {
                    modelHessian[i] = averaging * modelHessian[i] + (1 - averaging) * h0[i];
                }
            }
            double[] t = boundedNewton(modelHessian, modelGradient, k, cols, events);
            java.util.Arrays.fill(average, 0.0);
            for (int b = 0; b < groups; b++) {
                for (int j = 0; j < cols; j++) {
                    average[b * perGroup + j] = t[b * cols + j];
                }
            }
            return 1;
        }

        /** argmin ½tᵀHt + gᵀt over lr ≥ 0, momentum ∈ [0, MAX_MOMENTUM], by active-set passes. */
        private double[] boundedNewton(double[] h, double[] g, int k, int cols, Set<StepEvent> events) {
            boolean[] fixed = new boolean[k];
            double[] t = new double[k];
            for (int pass = 0; pass <= k; pass++) {
                int[] free = new int[k];
                int nf = 0;
                for (int j = 0; j < k; j++) {
                    if (!fixed[j]) {
                        free[nf++] = j;
                    }
                }
                if (nf == 0) {
                    break;
                }
                double[] a = new double[nf * nf];
                double[] rhs = new double[nf];
                double trace = 0;
                for (int i = 0; i < nf; i++) {
                    double r = -g[free[i]];
                    for (int j = 0; j < k; j++) {
                        if (fixed[j]) {
                            r -= h[free[i] * k + j] * t[j];
                        }
                    }
                    rhs[i] = r;
                    for (int j = 0; j < nf; j++) {
                        a[i * nf + j] = h[free[i] * k + free[j]];
                    }
                    trace += Math.abs(a[i * nf + i]);
                }
                double[] l = new double[nf * nf];
                double shift = 0;
                double scale = trace > 0 ? trace / nf : 1;
                double[] shifted = a.clone();
                while (!org.planesearch.core.linalg.Cholesky.factor(shifted, nf, 1e-14 * scale * scale, l)) {
                    shift = shift == 0 ? 1e-8 * scale : shift * 10;
                    if (!(shift < 1e12 * scale)) {
                        events.add(StepEvent.SEARCH_FAILED);
                        return t;
                    }
                    for (int i = 0; i < nf; i++) {
                        shifted[i * nf + i] = a[i * nf + i] + shift;
                    }
                }
                if (shift > 0) {
                    events.add(StepEvent.SUBSPACE_DAMPED);
                }
                double[] sol = new double[nf];
                org.planesearch.core.linalg.Cholesky.solve(l, nf, rhs, sol);
                boolean violated = false;
                for (int i = 0; i < nf; i++) {
                    int j = free[i];
                    double upper = j % cols == 0 ? Double.POSITIVE_INFINITY : MAX_MOMENTUM;
                    double v = sol[i];
                    if (!Double.isFinite(v)) {
                        v = 0;
                    }
                    if (v < 0 || v > upper) {
                        fixed[j] = true;
                        t[j] = v < 0 ? 0 : upper;
                        violated = true;
                    } else {
                        t[j] = v;
                    }
                }
                if (!violated) {
                    break;
                }
                events.add(StepEvent.SUBSPACE_DAMPED);
            }
            return t;
        }

        private SubspaceEvaluator evaluator(Objective batch) {
            SubspaceEvaluator ev = evaluators.get(batch);
            if (ev == null) {
                if (evaluators.size() >= 4) {
                    evaluators.clear();
                }
                ev = batch.newEvaluator(perGroup * groups, 0);
                evaluators.put(batch, ev);
            }
            return ev;
        }

        private static double nonZero(double norm) {
            return norm > 0 ? norm : 1;
        }

        private double norm(double[] v, int layer) {
            if (layer == Subspace.WHOLE) {
                return Vec.nrm2(v);
            }
            ParameterLayout.Layer b = layout.layer(layer);
            return Math.sqrt(Vec.dot(v, v, b.offset(), b.length()));
        }

        @Override
        public String[] rateNames() {
            String[] names = new String[perGroup * groups];
            for (int b = 0; b < groups; b++) {
                String prefix = groups == 1 ? "" : layout.layer(b).name() + " ";
                names[b * perGroup] = prefix + "learning rate";
                for (int m = 0; m < memory; m++) {
                    names[b * perGroup + 1 + m] = prefix + (memory == 1 ? "momentum" : "momentum " + (m + 1));
                }
            }
            return names;
        }
    }
}
