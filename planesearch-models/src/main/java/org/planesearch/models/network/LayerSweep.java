package org.planesearch.models.network;

import org.planesearch.core.linalg.Parallel;

/**
 * The entry-wise work of a network evaluation on the n×w row-major layer arrays, run over row
 * ranges on the library's threads ({@link Parallel}): bias additions, activations with their
 * derivatives, Hadamard products of the backward and R-passes, the column sums of the bias
 * gradients, and the output loss's sums and derivatives.
 *
 * <p>Partition and reduction: rows [0, n) are cut into P = {@link Parallel#parts}(n, w·cost)
 * contiguous ranges. Entry-wise operations give the same bits for any partition. Reductions (loss
 * sums, column sums) compute one partial per range and the calling thread adds them in range
 * order; every loss operation uses the same cost per row, hence the same partition, so the loss
 * sum has the same bits whether it came with derivatives or without, and a thread count gives
 * the same bits run after run.
 *
 * <p>Owns its per-range scratch and partials, allocated in the constructor and grown only when a
 * call needs more ranges than any call before: sweeps allocate nothing. The one task object is
 * this instance's. Not thread-safe: one sweep at a time.
 */
final class LayerSweep {

    /** Multiply-adds charged per activation value (its exponential and the arithmetic around it). */
    static final int ACTIVATION_COST = 24;
    /** Multiply-adds charged per output score in the loss operations. */
    static final int LOSS_COST = 24;

    private static final int ACTIVATE = 0;
    private static final int ADD_BIAS = 1;
    private static final int HADAMARD = 2;
    private static final int R_DELTA = 3;
    private static final int COLUMN_SUMS = 4;
    private static final int LOSS_SUM = 5;
    private static final int LOSS_RESIDUAL = 6;
    private static final int LOSS_HESSIAN = 7;

    private final int rows;
    private final int maxWidth;
    private final Activation activation;
    private final OutputLoss loss;
    private final int outputs;
    private final Parallel.PartTask task = this::runPart;

    private Activation.Scratch[] activationScratch;
    private OutputLoss.Scratch[] lossScratch;
    private double[] partSums;
    private double[][] columnPartials;

    // The sweep in flight, written by the calling thread before the ranges start.
    private int op;
    private int parts;
    private int width;
    private double[] a;
    private double[] b;
    private double[] c;
    private double[] d;
    private double[] e;
    private double[] f;
    private int offset;
    private double scale;

    /**
     * @param model the network (activation, loss, widths)
     * @param rows n
     */
    LayerSweep(NetworkModel model, int rows) {
        this.rows = rows;
        int widest = 1;
        for (int l = 1; l <= model.weightLayers(); l++) {
            widest = Math.max(widest, model.width(l));
        }
        this.maxWidth = widest;
        this.activation = model.activation();
        this.loss = model.loss();
        this.outputs = model.outputs();
        allocate(Parallel.parts(rows, (long) widest * ACTIVATION_COST));
    }

    private void allocate(int count) {
        activationScratch = new Activation.Scratch[count];
        lossScratch = new OutputLoss.Scratch[count];
        for (int p = 0; p < count; p++) {
            activationScratch[p] = new Activation.Scratch();
            lossScratch[p] = new OutputLoss.Scratch(outputs);
        }
        partSums = new double[count];
        columnPartials = new double[count][maxWidth];
    }

    private void begin(int operation, int columns, long costPerEntry) {
        int p = Parallel.parts(rows, columns * costPerEntry);
        if (p > partSums.length) {
            allocate(p);
        }
        op = operation;
        width = columns;
        parts = p;
    }

    private void run() {
        Parallel.run(task, parts);
        a = null;
        b = null;
        c = null;
        d = null;
        e = null;
        f = null;
    }

    /**
     * pre ← pre + 1·biasᵀ (bias = params[biasOffset, biasOffset + w); params null: no bias), then
     * act = σ(pre), slopeOut = σ'(pre), curvatureOut = σ''(pre) (each null: not computed).
     * params: not modified. pre, act, slopeOut, curvatureOut: modified.
     */
    void activate(double[] pre, int w, double[] params, int biasOffset, double[] act, double[] slopeOut,
                  double[] curvatureOut) {
        begin(ACTIVATE, w, ACTIVATION_COST);
        a = pre;
        b = params;
        offset = biasOffset;
        c = act;
        d = slopeOut;
        e = curvatureOut;
        run();
    }

    /** pre ← pre + 1·biasᵀ, bias = params[biasOffset, biasOffset + w). params: not modified. pre: modified. */
    void addBias(double[] pre, int w, double[] params, int biasOffset) {
        begin(ADD_BIAS, w, 1);
        a = pre;
        b = params;
        offset = biasOffset;
        run();
    }

    /** out = x ⊙ y over n×w entries. x, y: not modified (unless out). out: modified (may be x or y). */
    void hadamard(double[] x, double[] y, int w, double[] out) {
        begin(HADAMARD, w, 1);
        a = x;
        b = y;
        c = out;
        run();
    }

    /**
     * The R-backward step through an activation, entry-wise over n×w, with dH = delta on entry:
     * rDelta ← rDelta ⊙ σ' + dH ⊙ σ'' ⊙ rPre, then delta ← dH ⊙ σ'. slope, curvature, rPre: not
     * modified. delta, rDelta: modified.
     */
    void rDelta(double[] delta, double[] rDelta, double[] slope, double[] curvature, double[] rPre, int w) {
        begin(R_DELTA, w, 2);
        a = delta;
        b = rDelta;
        c = slope;
        d = curvature;
        e = rPre;
        run();
    }

    /**
     * out[outOffset + o] = Σᵢ m[i·w + o] for o &lt; w: per-range partials added in range order.
     * m: not modified. out: modified in [outOffset, outOffset + w).
     */
    void columnSums(double[] m, int w, double[] out, int outOffset) {
        begin(COLUMN_SUMS, w, 1);
        a = m;
        run();
        for (int o = 0; o < w; o++) {
            double s = 0;
            for (int p = 0; p < parts; p++) {
                s += columnPartials[p][o];
            }
            out[outOffset + o] = s;
        }
    }

    /** Returns Σᵢ ℓ(zᵢ, yᵢ). z, y: not modified. */
    double lossSum(double[] z, double[] y) {
        begin(LOSS_SUM, outputs, LOSS_COST);
        a = z;
        b = y;
        run();
        return reduceSums();
    }

    /**
     * Returns Σᵢ ℓ(zᵢ, yᵢ) (the same bits as {@link #lossSum}) and writes rOut = s·∂ℓ/∂z (n×c).
     * z, y: not modified. rOut: modified.
     */
    double lossResidual(double[] z, double[] y, double s, double[] rOut) {
        begin(LOSS_RESIDUAL, outputs, LOSS_COST);
        a = z;
        b = y;
        c = rOut;
        scale = s;
        run();
        return reduceSums();
    }

    /** out[i, :] = s·∇²ℓ(zᵢ)·u[i, :]. z, y, u: not modified. out: modified (not z or u). */
    void lossHessian(double[] z, double[] y, double[] u, double s, double[] out) {
        begin(LOSS_HESSIAN, outputs, LOSS_COST);
        a = z;
        b = y;
        c = u;
        d = out;
        scale = s;
        run();
    }

    private double reduceSums() {
        double s = 0;
        for (int p = 0; p < parts; p++) {
            s += partSums[p];
        }
        return s;
    }

    private void runPart(int part) {
        int from = Parallel.start(rows, parts, part);
        int to = Parallel.start(rows, parts, part + 1);
        int w = width;
        int e0 = from * w;
        int e1 = to * w;
        switch (op) {
            case ACTIVATE:
                if (b != null) {
                    addBiasRows(a, w, b, offset, from, to);
                }
                activation.apply(a, e0, e1 - e0, c, d, e, activationScratch[part]);
                break;
            case ADD_BIAS:
                addBiasRows(a, w, b, offset, from, to);
                break;
            case HADAMARD:
                hadamardRange(a, b, c, e0, e1);
                break;
            case R_DELTA:
                rDeltaRange(a, b, c, d, e, e0, e1);
                break;
            case COLUMN_SUMS:
                columnSumsRange(a, w, from, to, columnPartials[part]);
                break;
            case LOSS_SUM:
                partSums[part] = loss.sum(a, b, outputs, from, to, lossScratch[part]);
                break;
            case LOSS_RESIDUAL:
                partSums[part] = loss.residual(a, b, outputs, from, to, scale, c, lossScratch[part]);
                break;
            case LOSS_HESSIAN:
                loss.hessianTimes(a, b, outputs, from, to, c, scale, d, lossScratch[part]);
                break;
            default:
                throw new IllegalStateException("unknown sweep " + op);
        }
    }

    private static void addBiasRows(double[] pre, int w, double[] params, int biasOffset, int from, int to) {
        for (int i = from; i < to; i++) {
            int base = i * w;
            for (int o = 0; o < w; o++) {
                pre[base + o] += params[biasOffset + o];
            }
        }
    }

    private static void hadamardRange(double[] x, double[] y, double[] out, int e0, int e1) {
        for (int i = e0; i < e1; i++) {
            out[i] = x[i] * y[i];
        }
    }

    private static void rDeltaRange(double[] delta, double[] rDelta, double[] slope, double[] curvature, double[] rPre,
                                    int e0, int e1) {
        for (int i = e0; i < e1; i++) {
            double dh = delta[i];
            rDelta[i] = rDelta[i] * slope[i] + dh * curvature[i] * rPre[i];
            delta[i] = dh * slope[i];
        }
    }

    private static void columnSumsRange(double[] m, int w, int from, int to, double[] sums) {
        for (int o = 0; o < w; o++) {
            sums[o] = 0;
        }
        for (int i = from; i < to; i++) {
            int base = i * w;
            for (int o = 0; o < w; o++) {
                sums[o] += m[base + o];
            }
        }
    }
}
