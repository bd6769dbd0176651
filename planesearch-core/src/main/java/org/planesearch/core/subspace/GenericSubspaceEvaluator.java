package org.planesearch.core.subspace;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.objective.TwiceDifferentiableFunction;

/**
 * The {@link SubspaceEvaluator} for any {@link TwiceDifferentiableFunction}: every trial of ψ is
 * a full evaluation of f. Correct for every objective, cheap for none ({@link #isCheap()} is
 * false); models with structure provide their own evaluator.
 *
 * <p>For the subspace D = [d₁ … dₖ] (a block-restricted column is the vector masked to its
 * block, zero elsewhere):
 * <pre>
 *   ψ(t)   = f(x + D t)
 *   ∇ψ(t)  = Dᵀ ∇f(x + D t)                      (k dot products)
 *   ∇²ψ(t) = Dᵀ (∇²f(x + D t) D)                 (k Hessian-vector products, symmetrised)
 * </pre>
 * At t = 0 the value and gradient are those of the current iterate and cost nothing.
 *
 * <p><b>Cost accounting</b> (in {@link #counts()}, the paper's units): a value of f is one
 * function evaluation and one data pass; a gradient is one gradient evaluation and one more
 * pass; a Hessian-vector product is one product and two passes (forward and backward). Every
 * call of ψ is one subspace trial. The evaluator caches the last trial point with its value
 * and (when asked for) gradient, so evaluating ψ again at the same t, or {@link #move moving}
 * there, costs only what was not computed yet: a fixed step costs one value (the trial) plus
 * one gradient (the move), two passes, as for a model's own evaluator. {@link #start} costs one
 * value and one gradient.
 *
 * <p>The trial point x + D t is formed by adding tⱼ dⱼ to a copy of x column by column, and the
 * recorded step is the exact difference of the new and old iterates. All buffers are
 * allocated in the constructor; no trial allocates. Not thread-safe.
 */
public final class GenericSubspaceEvaluator implements SubspaceEvaluator {

    /**
     * A decrease tolerance θ for models whose every trial is a costly full evaluation (a deep
     * network: {@code NetworkObjective} passes it): a Newton step that could add at most 0.1 % to
     * the step's gain is not worth one (see {@link SubspaceObjective#decreaseTolerance()};
     * measured on a 784-100-100-10 network, docs/BENCHMARKS.md §4). The default is 0: searches
     * run to the derivative bound.
     */
    public static final double COSTLY_TRIALS_DECREASE_TOLERANCE = 1e-3;

    private final double decreaseTolerance;


    private final TwiceDifferentiableFunction function;
    private final ParameterLayout layout;
    private final int n;
    private final int maxDirections;
    private final int stepMemory;
    private final EvaluationCounts counts = new EvaluationCounts();

    private final double[] x;
    private final double[] g;
    private double fx = Double.NaN;
    private boolean started;

    /** Ring of previous steps: lag 1 is steps[head], lag j is steps[(head − j + 1) mod m]. */
    private final double[][] steps;
    private int head;
    private int available;

    private final double[] trialX;
    private final double[] trialG;
    private final double[] column;
    private final double[] hv;
    private final double[] lastT;
    private double trialF;
    private boolean trialValid;
    private boolean trialHasGradient;

    private final Restriction restriction = new Restriction();
    private Subspace subspace;
    private boolean restricted;

    /**
     * An evaluator of f over the given layout.
     *
     * @param function f, with Hessian-vector products; its dimension must equal the layout's
     * @param layout the blocks columns may be restricted to
     * @param maxDirections the most columns a subspace may have (≥ 1)
     * @param stepMemory how many previous steps to keep (≥ 0)
     */
    public GenericSubspaceEvaluator(TwiceDifferentiableFunction function, ParameterLayout layout,
            int maxDirections, int stepMemory) {
        this(function, layout, maxDirections, stepMemory, 0);
    }

    /**
     * An evaluator of f over the given layout whose restrictions ask the search for the decrease
     * tolerance θ ∈ [0, 1) ({@link SubspaceObjective#decreaseTolerance()}; 0: searches to the
     * derivative bound).
     */
    public GenericSubspaceEvaluator(TwiceDifferentiableFunction function, ParameterLayout layout,
            int maxDirections, int stepMemory, double decreaseTolerance) {
        if (!(decreaseTolerance >= 0 && decreaseTolerance < 1)) {
            throw new IllegalArgumentException("decreaseTolerance must be in [0, 1), got " + decreaseTolerance);
        }
        this.decreaseTolerance = decreaseTolerance;
        if (function == null || layout == null) {
            throw new IllegalArgumentException("function and layout must not be null");
        }
        if (function.dimension() != layout.dimension()) {
            throw new IllegalArgumentException("function dimension " + function.dimension()
                    + " differs from the layout's dimension " + layout.dimension());
        }
        if (maxDirections < 1) {
            throw new IllegalArgumentException("maxDirections must be >= 1, got " + maxDirections);
        }
        if (stepMemory < 0) {
            throw new IllegalArgumentException("stepMemory must be >= 0, got " + stepMemory);
        }
        this.function = function;
        this.layout = layout;
        this.n = layout.dimension();
        this.maxDirections = maxDirections;
        this.stepMemory = stepMemory;
        this.x = new double[n];
        this.g = new double[n];
        this.steps = new double[stepMemory][n];
        this.trialX = new double[n];
        this.trialG = new double[n];
        this.column = new double[n];
        this.hv = new double[n];
        this.lastT = new double[maxDirections];
    }

    @Override
    public int maxDirections() {
        return maxDirections;
    }

    @Override
    public int stepMemory() {
        return stepMemory;
    }

    @Override
    public int availableSteps() {
        return available;
    }

    @Override
    public double[] previousStep(int lag) {
        if (lag < 1 || lag > available) {
            throw new IllegalArgumentException("lag must be in [1, " + available + "], got " + lag);
        }
        return steps[slot(lag)];
    }

    private int slot(int lag) {
        return Math.floorMod(head - lag + 1, stepMemory);
    }

    @Override
    public double start(double[] x0, double[] gradOut) {
        if (x0.length != n || gradOut.length != n) {
            throw new IllegalArgumentException("x and gradOut must have length " + n + ", got "
                    + x0.length + " and " + gradOut.length);
        }
        Vec.copy(x0, x);
        fx = function.valueAndGradient(x, g);
        counts.addFunctionEvaluations(1);
        counts.addGradientEvaluations(1);
        counts.addDataPasses(2);
        Vec.copy(g, gradOut);
        available = 0;
        head = 0;
        started = true;
        restricted = false;
        subspace = null;
        trialValid = false;
        return fx;
    }

    @Override
    public double currentValue() {
        return fx;
    }

    /** The current iterate. Not to be modified. */
    public double[] currentPoint() {
        return x;
    }

    /** ∇f at the current iterate. Not to be modified. */
    public double[] currentGradient() {
        return g;
    }

    @Override
    public SubspaceObjective restrict(Subspace s) {
        if (!started) {
            throw new IllegalStateException("call start before restrict");
        }
        int k = s.size();
        if (k < 1 || k > maxDirections) {
            throw new IllegalArgumentException("subspace has " + k + " columns; this evaluator accepts 1 to "
                    + maxDirections);
        }
        for (int j = 0; j < k; j++) {
            int b = s.layer(j);
            if (b >= layout.layerCount()) {
                throw new IllegalArgumentException("column " + j + " is restricted to layer " + b
                        + " but the layout has " + layout.layerCount() + " layers");
            }
            if (s.isPreviousStep(j)) {
                if (s.lag(j) > available) {
                    throw new IllegalArgumentException("column " + j + " asks for the previous step with lag "
                            + s.lag(j) + " but only " + available + " are available");
                }
            } else if (s.vector(j).length != n) {
                throw new IllegalArgumentException("column " + j + " has length " + s.vector(j).length
                        + ", expected " + n);
            }
        }
        subspace = s;
        restricted = true;
        trialValid = false;
        restriction.k = k;
        return restriction;
    }

    @Override
    public double move(double[] t, double[] xOut, double[] gradOut) {
        if (!restricted) {
            throw new IllegalStateException("call restrict before move");
        }
        int k = subspace.size();
        if (t.length < k) {
            throw new IllegalArgumentException("t has length " + t.length + ", the subspace has " + k + " columns");
        }
        boolean zero = isZero(t, k);
        if (!zero) {
            ensureTrial(t, k);
            if (!trialHasGradient) {
                trialF = function.valueAndGradient(trialX, trialG);
                counts.addGradientEvaluations(1);
                counts.addDataPasses(1);
                trialHasGradient = true;
            }
        }
        if (stepMemory > 0) {
            int next = (head + 1) % stepMemory;
            double[] s = steps[next];
            if (zero) {
                Vec.fill(s, 0);
            } else {
                Vec.subtract(trialX, x, s);
            }
            head = next;
            available = Math.min(available + 1, stepMemory);
        }
        if (!zero) {
            Vec.copy(trialX, x);
            Vec.copy(trialG, g);
            fx = trialF;
        }
        Vec.copy(x, xOut);
        Vec.copy(g, gradOut);
        restricted = false;
        trialValid = false;
        subspace = null;
        return fx;
    }

    @Override
    public EvaluationCounts counts() {
        return counts;
    }

    @Override
    public boolean isCheap() {
        return false;
    }

    private static boolean isZero(double[] t, int k) {
        for (int j = 0; j < k; j++) {
            if (t[j] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The vector of column j (a fresh vector or a stored step), not yet masked to its block. */
    private double[] columnVector(int j) {
        return subspace.isPreviousStep(j) ? steps[slot(subspace.lag(j))] : subspace.vector(j);
    }

    /** Makes trialX = x + D t unless the cached trial is at this t. */
    private void ensureTrial(double[] t, int k) {
        if (trialValid) {
            boolean same = true;
            for (int j = 0; j < k; j++) {
                if (Double.doubleToLongBits(t[j]) != Double.doubleToLongBits(lastT[j])) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return;
            }
        }
        Vec.copy(x, trialX);
        for (int j = 0; j < k; j++) {
            if (t[j] == 0) {
                continue;
            }
            int b = subspace.layer(j);
            if (b == Subspace.WHOLE) {
                Vec.axpy(t[j], columnVector(j), trialX);
            } else {
                ParameterLayout.Layer block = layout.layer(b);
                Vec.axpy(t[j], columnVector(j), trialX, block.offset(), block.length());
            }
        }
        System.arraycopy(t, 0, lastT, 0, k);
        trialValid = true;
        trialHasGradient = false;
        trialF = function.value(trialX);
        counts.addFunctionEvaluations(1);
        counts.addDataPasses(1);
    }

    /** dⱼᵀ v, with dⱼ masked to its layer. */
    private double columnDot(int j, double[] v) {
        int b = subspace.layer(j);
        if (b == Subspace.WHOLE) {
            return Vec.dot(columnVector(j), v);
        }
        ParameterLayout.Layer block = layout.layer(b);
        return Vec.dot(columnVector(j), v, block.offset(), block.length());
    }

    /** ψ restricted to the current subspace; one instance, reused for every restriction. */
    private final class Restriction implements SubspaceObjective {
        private int k;

        @Override
        public int dimension() {
            return k;
        }

        /** ∇²ψ costs k Hessian-vector products, several times ψ and ∇ψ (kept for the same t). */
        @Override
        public boolean separateHessian() {
            return true;
        }

        @Override
        public double decreaseTolerance() {
            return decreaseTolerance;
        }

        private void checkLive(double[] t) {
            if (!restricted) {
                throw new IllegalStateException("this subspace objective is no longer valid (the evaluator moved)");
            }
            if (t.length < k) {
                throw new IllegalArgumentException("t has length " + t.length + ", expected " + k);
            }
        }

        @Override
        public double value(double[] t) {
            checkLive(t);
            counts.addSubspaceTrials(1);
            if (isZero(t, k)) {
                return fx;
            }
            ensureTrial(t, k);
            return trialF;
        }

        @Override
        public double valueGradientHessian(double[] t, double[] gradOut, double[] hessOut) {
            checkLive(t);
            if (gradOut.length < k || (hessOut != null && hessOut.length < k * k)) {
                throw new IllegalArgumentException("gradOut needs length " + k + " and hessOut " + (k * k));
            }
            counts.addSubspaceTrials(1);
            double[] point;
            double[] grad;
            double value;
            if (isZero(t, k)) {
                point = x;
                grad = g;
                value = fx;
            } else {
                ensureTrial(t, k);
                if (!trialHasGradient) {
                    trialF = function.valueAndGradient(trialX, trialG);
                    counts.addGradientEvaluations(1);
                    counts.addDataPasses(1);
                    trialHasGradient = true;
                }
                point = trialX;
                grad = trialG;
                value = trialF;
            }
            for (int j = 0; j < k; j++) {
                gradOut[j] = columnDot(j, grad);
            }
            if (hessOut != null) {
                hessian(point, hessOut);
            }
            return value;
        }

        /** hessOut = Dᵀ ∇²f(point) D by k products, then symmetrised. */
        private void hessian(double[] point, double[] hessOut) {
            for (int j = 0; j < k; j++) {
                double[] v = columnVector(j);
                int b = subspace.layer(j);
                if (b != Subspace.WHOLE) {
                    ParameterLayout.Layer block = layout.layer(b);
                    Vec.fill(column, 0);
                    System.arraycopy(v, block.offset(), column, block.offset(), block.length());
                    v = column;
                }
                function.hessianTimes(point, v, hv);
                counts.addHessianVectorProducts(1);
                counts.addDataPasses(2);
                for (int i = 0; i < k; i++) {
                    hessOut[i * k + j] = columnDot(i, hv);
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    double m = 0.5 * (hessOut[i * k + j] + hessOut[j * k + i]);
                    hessOut[i * k + j] = m;
                    hessOut[j * k + i] = m;
                }
            }
        }
    }
}
