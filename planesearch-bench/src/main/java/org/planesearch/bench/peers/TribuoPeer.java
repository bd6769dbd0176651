package org.planesearch.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.planesearch.bench.problems.LinearProblem;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo 4.3.2's linear SGD classifier ({@code LinearSGDTrainer} with the {@code LogMulticlass}
 * objective: a softmax over the classes, two classes for the binary sets, intercept fitted) with
 * its AdaGrad or Adam optimiser, mini-batches of 1 example (Tribuo's default), shuffled with seed 1.
 *
 * <p>Objective: Tribuo's linear SGD trainer has no L2 penalty (only its AdaGrad-RDA optimiser
 * takes one, in the dual-averaging form), so it minimises the unpenalised loss with stochastic
 * steps; we evaluate our objective at its solution (binary: the difference of the two classes'
 * scores; multiclass: weights centred over the classes). It cannot converge to our optimum.
 *
 * <p>Counting and timing: an epoch reads every example once and does the work of a full
 * gradient (a score and a gradient per example): we count it as two passes. Tribuo has no
 * callback and no time limit, so the run is repeated from scratch with 1, 2, 4, 8, … epochs
 * while the sum of those runs stays within the budget; a target's time is that of the first run
 * that reached it (so up to 2× the epochs strictly needed). The learning rate is the best (lowest
 * our f after one epoch) of a small grid; tuning runs are not counted.
 */
public final class TribuoPeer implements Solver {

    /** Which of Tribuo's optimisers. */
    public enum Kind {
        ADAGRAD("AdaGrad", new double[] {0.01, 0.1, 1}),
        ADAM("Adam", new double[] {1e-4, 1e-3, 1e-2});

        final String label;
        final double[] grid;

        Kind(String label, double[] grid) {
            this.label = label;
            this.grid = grid;
        }

        StochasticGradientOptimiser optimiser(double lr) {
            return this == ADAGRAD ? new AdaGrad(lr) : new Adam(lr, 0.9, 0.999, 1e-8);
        }
    }

    private static final long SEED = 1;
    /** Tribuo logs every training at INFO through java.util.logging; kept referenced so the level holds. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final Kind kind;

    public TribuoPeer(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return "Tribuo 4.3.2 LinearSGDTrainer (" + kind.label + ")";
    }

    @Override
    public boolean peer() {
        return true;
    }

    /** Feature j's name (zero-padded, so that name order is column order). */
    static String feature(int j) {
        return String.format(Locale.ROOT, "f%06d", j);
    }

    /** The problem as a Tribuo dataset: labels "0" … "k−1", only the non-zero features of each row. */
    static MutableDataset<Label> dataset(LinearProblem p) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("planesearch " + p.name(), factory), factory);
        int d = p.cols();
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = feature(j);
        }
        Label[] labels = new Label[p.classes()];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = new Label(Integer.toString(c));
        }
        double[] x = new double[d];
        String[] n = new String[d];
        double[] v = new double[d];
        for (int i = 0; i < p.rows(); i++) {
            p.features().row(i, x);
            int k = 0;
            for (int j = 0; j < d; j++) {
                if (x[j] != 0) {
                    n[k] = names[j];
                    v[k++] = x[j];
                }
            }
            ds.add(new ArrayExample<>(labels[p.classOf(i)], Arrays.copyOf(n, k), Arrays.copyOf(v, k)));
        }
        return ds;
    }

    static LinearSGDModel train(MutableDataset<Label> ds, Kind kind, double lr, int epochs) {
        LinearSGDTrainer t = new LinearSGDTrainer(new LogMulticlass(), kind.optimiser(lr), epochs, Integer.MAX_VALUE, 1, SEED);
        return (LinearSGDModel) t.train(ds);
    }

    /** Our parameter vector from a Tribuo model (weights: one row per label, the bias last). */
    static double[] ours(LinearProblem p, LinearSGDModel m) {
        int d = p.cols();
        int k = p.classes();
        DenseMatrix w = m.getWeightsCopy();
        ImmutableFeatureMap fm = m.getFeatureIDMap();
        int bias = w.getShape()[1] - 1;
        double[][] weights = new double[k][d];
        double[] intercepts = new double[k];
        for (int c = 0; c < k; c++) {
            int row = m.getOutputIDInfo().getID(new Label(Integer.toString(c)));
            if (row < 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                int id = fm.getID(feature(j));
                if (id >= 0) {
                    weights[c][j] = w.get(row, id);
                }
            }
            intercepts[c] = w.get(row, bias);
        }
        return p.fromClassScores(weights, intercepts);
    }

    @Override
    public SolverReport solve(LinearProblem p, Targets targets, double budgetSeconds) {
        MutableDataset<Label> ds = dataset(p);
        double bestLr = kind.grid[0];
        double bestF = Double.POSITIVE_INFINITY;
        for (double lr : kind.grid) {
            double f = p.objective().value(ours(p, train(ds, kind, lr, 1)));
            if (f < bestF) {
                bestF = f;
                bestLr = lr;
            }
        }
        Hit[] hits = new Hit[targets.count()];
        Arrays.fill(hits, Hit.MISSED);
        List<TracePoint> trace = new ArrayList<>();
        double spent = 0;
        int epochs = 1;
        double lastValue = Double.NaN;
        double lastSeconds = 0;
        int lastEpochs = 0;
        while (true) {
            long t0 = System.nanoTime();
            LinearSGDModel m = train(ds, kind, bestLr, epochs);
            double s = (System.nanoTime() - t0) / 1e9;
            spent += s;
            double f = p.objective().value(ours(p, m));
            trace.add(new TracePoint(s, 2L * epochs * 1, f));
            lastValue = f;
            lastSeconds = s;
            lastEpochs = epochs;
            for (int t = 0; t < hits.length; t++) {
                if (!hits[t].reached() && f <= targets.value(t)) {
                    hits[t] = new Hit(true, s, 2L * epochs, epochs);
                }
            }
            if (hits[hits.length - 1].reached() || spent + 2 * s > budgetSeconds || epochs >= 1 << 12) {
                break;
            }
            epochs *= 2;
        }
        String settings = String.format(Locale.ROOT, "%s lr = %s (best after 1 epoch of {%s}), mini-batch 1, seed %d; runs of 1, 2, 4, … %d epochs",
                kind.label, bestLr, grid(kind.grid), SEED, lastEpochs);
        return new SolverReport(name(), true, settings, false, hits, lastValue, 2L * lastEpochs, lastSeconds, lastEpochs,
                "runs from scratch with doubling epoch caps (a target's time: the first run that reached it)", trace);
    }

    private static String grid(double[] g) {
        StringBuilder b = new StringBuilder();
        for (double v : g) {
            b.append(b.length() == 0 ? "" : ", ").append(v);
        }
        return b.toString();
    }
}
