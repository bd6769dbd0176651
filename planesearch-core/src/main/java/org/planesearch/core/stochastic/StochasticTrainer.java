package org.planesearch.core.stochastic;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.TimeSource;

/**
 * Runs a {@link StochasticRule} over the batches of a {@link BatchSchedule}: per epoch, a fresh
 * seeded order of the rows, one {@link StochasticState#step} per batch, then (every
 * {@code evaluateEvery} epochs and after the last) f on the full training set and the caller's
 * metrics (e.g. the test loss and accuracy), and one {@link EpochRecord} to the listener.
 *
 * <p><b>Numerical trouble.</b> A step that leaves a non-finite batch loss or parameter, or a full
 * objective that is not finite, ends the run with {@link StochasticTermination#NON_FINITE}; the
 * result holds the parameters before that step (the trainer keeps one copy of x per step, O(P)).
 *
 * <p><b>Determinism.</b> Same rule, schedule, seeds, data, starting point and thread count → the
 * same bits (the batch order depends only on (seed, epoch); the rule's sampling on its own seed).
 * Reported seconds are training time: the evaluations (full objective, metrics) are timed apart
 * and left out, so that curves against seconds compare the methods, not the evaluation cadence.
 * {@link #train} may be called repeatedly, one run at a time.
 */
public final class StochasticTrainer {

    private final StochasticRule rule;
    private final BatchSchedule schedule;
    private final int evaluateEvery;
    private final double maxSeconds;
    private final long ruleSeed;
    private final TimeSource clock;
    /** Time spent evaluating in the current run (excluded from the reported seconds). Not thread-safe: one run at a time. */
    private long evaluationNanos;

    /**
     * @param rule the method
     * @param schedule batches and epochs
     * @param evaluateEvery evaluate the full objective and the metrics every this many epochs (≥ 1; the last epoch always)
     * @param maxSeconds wall-time budget (positive infinity for none)
     * @param ruleSeed the seed of the rule's own sampling (curvature estimates)
     */
    public StochasticTrainer(StochasticRule rule, BatchSchedule schedule, int evaluateEvery, double maxSeconds, long ruleSeed) {
        this(rule, schedule, evaluateEvery, maxSeconds, ruleSeed, TimeSource.system());
    }

    StochasticTrainer(StochasticRule rule, BatchSchedule schedule, int evaluateEvery, double maxSeconds, long ruleSeed,
                      TimeSource clock) {
        if (rule == null || schedule == null) {
            throw new IllegalArgumentException("a trainer needs a rule and a schedule");
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluateEvery must be >= 1, got " + evaluateEvery);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be > 0, got " + maxSeconds);
        }
        this.rule = rule;
        this.schedule = schedule;
        this.evaluateEvery = evaluateEvery;
        this.maxSeconds = maxSeconds;
        this.ruleSeed = ruleSeed;
        this.clock = clock;
    }

    /**
     * Trains from x0.
     *
     * @param data the batched objective
     * @param x0 the start; not modified
     * @param metrics called at evaluation points with the current parameters; returns named
     *     metrics (may be empty; null for none)
     * @param listener called after every epoch (null for none)
     */
    public StochasticResult train(BatchObjective data, double[] x0, Function<double[], Map<String, Double>> metrics,
                                  EpochListener listener) {
        int n = data.examples();
        int dim = data.layout().dimension();
        if (x0 == null || x0.length != dim) {
            throw new IllegalArgumentException("x0 must have length " + dim);
        }
        double[] x = x0.clone();
        double[] before = new double[dim];
        int stepsPerEpoch = schedule.stepsPerEpoch(n);
        StochasticState state = rule.newState(data.layout(), ruleSeed, stepsPerEpoch);
        String[] names = state.rateNames();
        int[] order = new int[n];
        java.util.List<EpochRecord> history = new java.util.ArrayList<>();
        evaluationNanos = 0;
        long start = clock.nanoTime();
        long steps = 0;
        double gradientRows = 0;
        double valueRows = 0;
        double curvatureRows = 0;
        StochasticTermination termination = StochasticTermination.EPOCHS_DONE;
        epochs:
        for (int epoch = 1; epoch <= schedule.epochs(); epoch++) {
            schedule.order(epoch, order);
            double lossSum = 0;
            double[] rateSum = new double[names.length];
            Map<StepEvent, Integer> events = new EnumMap<>(StepEvent.class);
            int taken = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int rows = schedule.batchRows(s, n);
                Objective batch = data.batch(order, s * schedule.batchSize(), rows);
                System.arraycopy(x, 0, before, 0, dim);
                BatchStep step = state.step(batch, x);
                steps++;
                taken++;
                gradientRows += (double) rows * step.gradients();
                valueRows += (double) rows * step.values();
                curvatureRows += (double) rows * step.curvatures();
                for (StepEvent e : step.events()) {
                    events.merge(e, 1, Integer::sum);
                }
                if (!Double.isFinite(step.loss()) || !Vec.allFinite(x)) {
                    System.arraycopy(before, 0, x, 0, dim);
                    termination = StochasticTermination.NON_FINITE;
                    history.add(record(epoch, steps, start, gradientRows, valueRows, curvatureRows, n, lossSum, taken,
                            Double.NaN, Map.of(), rateSum, names, events));
                    break epochs;
                }
                lossSum += step.loss();
                double[] rates = step.rates();
                for (int r = 0; r < rateSum.length; r++) {
                    rateSum[r] += rates[r];
                }
                if (seconds(start) >= maxSeconds) {
                    termination = StochasticTermination.MAX_TIME;
                    history.add(evaluated(data, x, metrics, epoch, steps, start, gradientRows, valueRows, curvatureRows, n,
                            lossSum, taken, rateSum, names, events));
                    break epochs;
                }
            }
            boolean evaluate = epoch % evaluateEvery == 0 || epoch == schedule.epochs();
            EpochRecord rec = evaluate
                    ? evaluated(data, x, metrics, epoch, steps, start, gradientRows, valueRows, curvatureRows, n, lossSum,
                            taken, rateSum, names, events)
                    : record(epoch, steps, start, gradientRows, valueRows, curvatureRows, n, lossSum, taken, Double.NaN,
                            Map.of(), rateSum, names, events);
            history.add(rec);
            if (evaluate && !Double.isFinite(rec.trainObjective())) {
                termination = StochasticTermination.NON_FINITE;
                break;
            }
            if (listener != null && !listener.onEpoch(rec)) {
                termination = StochasticTermination.STOPPED_BY_LISTENER;
                break;
            }
        }
        return new StochasticResult(x, termination, history, steps, seconds(start), rule.describe());
    }

    private EpochRecord evaluated(BatchObjective data, double[] x, Function<double[], Map<String, Double>> metrics,
                                  int epoch, long steps, long start, double gradientRows, double valueRows,
                                  double curvatureRows, int n, double lossSum, int taken, double[] rateSum,
                                  String[] names, Map<StepEvent, Integer> events) {
        long evaluationStart = clock.nanoTime();
        double f = data.full().value(x);
        Map<String, Double> m = new LinkedHashMap<>();
        if (metrics != null) {
            Map<String, Double> given = metrics.apply(x);
            if (given != null) {
                m.putAll(given);
            }
        }
        evaluationNanos += clock.nanoTime() - evaluationStart;
        return record(epoch, steps, start, gradientRows, valueRows, curvatureRows, n, lossSum, taken, f, m, rateSum, names,
                events);
    }

    private EpochRecord record(int epoch, long steps, long start, double gradientRows, double valueRows,
                               double curvatureRows, int n, double lossSum, int taken, double f,
                               Map<String, Double> metrics, double[] rateSum, String[] names,
                               Map<StepEvent, Integer> events) {
        double[] mean = new double[rateSum.length];
        for (int r = 0; r < mean.length; r++) {
            mean[r] = taken == 0 ? Double.NaN : rateSum[r] / taken;
        }
        return new EpochRecord(epoch, steps, seconds(start), gradientRows / n, valueRows / n, curvatureRows / n,
                taken == 0 ? Double.NaN : lossSum / taken, f, metrics, mean, names.clone(), events);
    }

    /** Training wall time since start, evaluation excluded. */
    private double seconds(long start) {
        return (clock.nanoTime() - start - evaluationNanos) * 1e-9;
    }
}
