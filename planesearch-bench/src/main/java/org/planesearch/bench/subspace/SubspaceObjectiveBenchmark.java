package org.planesearch.bench.subspace;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;

/**
 * The subspace objective ψ(t) = f(w + D t) of the linear models against a full gradient, on
 * the evaluator the optimizer uses: one restriction (the pass X·D for the fresh column; the
 * previous step's image is free), then ψ, ψ with ∇ψ, and ψ with ∇ψ and ∇²ψ at a trial t — each
 * O(n·k) (softmax O(n·c·k)) — next to f with ∇f (two passes over X). k = 1: [−g] (line
 * optimization); k = 2: [−g, s₁] (plane search). Dense N(0, 1) data, seed 42; binary labels
 * from a random linear model, softmax labels the argmax of random class scores. Threads: all
 * processors ({@code Backend.threads()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@State(Scope.Benchmark)
public class SubspaceObjectiveBenchmark {

    /** loss-n×d (softmax with c = 10 classes). */
    @Param({"logistic-1000000x100", "softmax-60000x784"})
    public String problem;

    /** Subspace columns: 1 = [−g], 2 = [−g, s₁]. */
    @Param({"1", "2"})
    public int k;

    private DataMatrix x;
    private Objective f;
    private SubspaceEvaluator evaluator;
    private Subspace subspace;
    private SubspaceObjective psi;
    private double[] w;
    private double[] g;
    private double[] t;
    private double[] tAlt;
    private double[] psiGrad;
    private double[] psiHess;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = problem.split("-");
        String[] shape = parts[1].split("x");
        int n = Integer.parseInt(shape[0]);
        int d = Integer.parseInt(shape[1]);
        boolean softmax = parts[0].equals("softmax");
        int c = softmax ? 10 : 1;
        SplittableRandom rng = new SplittableRandom(42);
        double[][] truth = new double[Math.max(c, 1)][d];
        for (double[] row : truth) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian() / Math.sqrt(d);
            }
        }
        double[] labels = new double[n];
        double[] row = new double[d];
        try (DenseMatrixBuilder b = Matrices.denseBuilder(n, d, false)) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    row[j] = rng.nextGaussian();
                }
                for (int o = 0; o < truth.length; o++) {
                    double z = 0;
                    for (int j = 0; j < d; j++) {
                        z += truth[o][j] * row[j];
                    }
                    if (z > bestScore) {
                        bestScore = z;
                        best = o;
                    }
                }
                b.setRow(i, row);
                labels[i] = softmax ? best : (rng.nextDouble() < 1 / (1 + Math.exp(-bestScore)) ? 1 : -1);
            }
            x = b.build();
        }
        f = LinearModel.of(softmax ? LossKind.SOFTMAX : LossKind.LOGISTIC, d, c, true).objective(x, labels, 1e-4);
        int dim = f.dimension();
        w = new double[dim];
        g = new double[dim];
        evaluator = f.newEvaluator(2, 1);
        evaluator.start(w, g);
        double[] dir = new double[dim];
        for (int i = 0; i < dim; i++) {
            dir[i] = -g[i];
        }
        Subspace first = new Subspace(1);
        first.addDirection(dir);
        evaluator.restrict(first);
        evaluator.move(new double[] {0.5}, w, g);
        double[] dir2 = new double[dim];
        for (int i = 0; i < dim; i++) {
            dir2[i] = -g[i];
        }
        subspace = new Subspace(2);
        subspace.addDirection(dir2);
        if (k == 2) {
            subspace.addPreviousStep(1);
        }
        psi = evaluator.restrict(subspace);
        t = new double[k];
        tAlt = new double[k];
        for (int j = 0; j < k; j++) {
            t[j] = 0.3 / (j + 1);
            tAlt[j] = 0.31 / (j + 1);
        }
        psiGrad = new double[k];
        psiHess = new double[k * k];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }

    /** Alternates between two trial points so that no evaluation is served from a cache of the last one. */
    private double[] trial() {
        flip = !flip;
        return flip ? t : tAlt;
    }

    @Benchmark
    public double value() {
        return psi.value(trial());
    }

    @Benchmark
    public double valueAndGradient() {
        return psi.valueAndGradient(trial(), psiGrad);
    }

    @Benchmark
    public double valueGradientHessian() {
        return psi.valueGradientHessian(trial(), psiGrad, psiHess);
    }

    /** The restriction: the images X·D of the fresh columns (one pass over X). */
    @Benchmark
    public int restrict() {
        psi = evaluator.restrict(subspace);
        return psi.dimension();
    }

    /** The reference: f and ∇f in full (two passes over X). */
    @Benchmark
    public double fullGradient() {
        return f.valueAndGradient(w, g);
    }
}
