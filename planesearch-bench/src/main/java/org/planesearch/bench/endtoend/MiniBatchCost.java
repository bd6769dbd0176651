package org.planesearch.bench.endtoend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.stochastic.BatchSchedule;
import org.planesearch.core.stochastic.StochasticMethods;
import org.planesearch.core.stochastic.StochasticOptions;
import org.planesearch.core.stochastic.StochasticState;
import org.planesearch.models.network.NetworkBatches;
import org.planesearch.models.network.NetworkModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of a mini-batch step (issue "Mini-batch training", acceptance "per-iteration time of
 * the layer-wise versions ≤ 2.2 × the plain optimizer's"): the methods take turns, round after
 * round, each timing {@code --steps} consecutive steps on the same batches from its own state, so
 * that machine noise hits them alike; the median time per step over the rounds and its ratio to
 * the first method are printed. Problems: {@link MiniBatchProblem}.
 */
@Command(name = "minibatch-cost", mixinStandardHelpOptions = true, description = "Time per mini-batch step, methods interleaved.")
public final class MiniBatchCost implements Callable<Integer> {

    @Option(names = "--problem", required = true, description = "fashion-mlp or mnist-autoencoder")
    String problem;

    @Option(names = "--cache", defaultValue = "data-cache")
    Path cache;

    @Option(names = "--methods", split = ";", defaultValue = "heavyball+fixed;heavyball+layerwise;adamw+fixed;adamw+layerwise")
    List<String> methods;

    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;

    @Option(names = "--steps", defaultValue = "20", description = "steps per method per round")
    int steps;

    @Option(names = "--rounds", defaultValue = "15")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "3")
    int warmup;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MiniBatchCost()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MiniBatchProblem p = MiniBatchProblem.load(problem, cache, 0);
        NetworkModel model = p.model;
        System.out.printf(Locale.ROOT, "%s, batch %d, %d steps × %d rounds (%d warm-up), backend %s, %d threads%n", problem, batchSize,
                steps, rounds, warmup, Backend.current().describe(), Backend.threads());
        try (p; NetworkBatches batches = new NetworkBatches(model, p.train.features(), p.trainTargets, p.lambda)) {
            int n = batches.examples();
            BatchSchedule schedule = new BatchSchedule(batchSize, 1, 1, true);
            int[] order = new int[n];
            schedule.order(1, order);
            int perEpoch = schedule.stepsPerEpoch(n);
            int k = methods.size();
            StochasticState[] states = new StochasticState[k];
            double[][] xs = new double[k][];
            int[] cursor = new int[k];
            for (int m = 0; m < k; m++) {
                states[m] = StochasticMethods.parse(methods.get(m), StochasticOptions.defaults()).newState(model.layout(), 1, perEpoch);
                xs[m] = model.initialize(1);
            }
            List<double[]> times = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                times.add(new double[rounds]);
            }
            for (int r = 0; r < warmup + rounds; r++) {
                for (int m = 0; m < k; m++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        int b = cursor[m]++ % perEpoch;
                        Objective batch = batches.batch(order, b * batchSize, batchSize);
                        states[m].step(batch, xs[m]);
                    }
                    double ms = (System.nanoTime() - t0) * 1e-6 / steps;
                    if (r >= warmup) {
                        times.get(m)[r - warmup] = ms;
                    }
                }
            }
            double base = median(times.get(0));
            System.out.println("| method | median ms/step | min | max | ratio to " + methods.get(0) + " |");
            System.out.println("|---|---|---|---|---|");
            for (int m = 0; m < k; m++) {
                double[] t = times.get(m);
                double med = median(t);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", methods.get(m), med,
                        Arrays.stream(t).min().orElse(Double.NaN), Arrays.stream(t).max().orElse(Double.NaN), med / base);
            }
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
