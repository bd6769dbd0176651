package org.planesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.transform.SplitOptions;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.ModelEvaluation;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.OutputLoss;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code planesearch train}: fits a linear model or a network ({@code --model mlp}) with a method
 * whose step (learning rate, momentum; per layer with {@code :per-layer}) is chosen on every
 * iteration, prints a summary, and with {@code --out} writes {@code model.json},
 * {@code history.csv} and {@code summary.json} atomically. A run that ends in
 * {@code NON_FINITE} or {@code LINE_SEARCH_FAILED} exits 1 and writes nothing.
 *
 * <p>Model flags belong to one family, and a flag of the other family is an error: linear models
 * take {@code --huber-delta}, {@code --hinge-smoothing}, {@code --no-intercept}; networks take
 * {@code --hidden}, {@code --activation}, {@code --loss}, {@code --init-seed}. A linear model
 * starts at 0, a network at its seeded initialization.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train a linear model or a neural network (--model mlp); the learning rate (and momentum) are "
            + "chosen for you on every iteration.",
            "With no arguments: logistic regression on the bundled heart_scale data with gd+ps."},
        footer = {"", "Examples:",
            "  planesearch train",
            "  planesearch train --data iris --standardize --test-fraction 0.3",
            "  planesearch train --data train.csv --label-column y --method lbfgs+lo --out run1/",
            "  planesearch train --data mnist --model mlp --hidden 100 \\",
            "      --method gd+ps:per-layer --out run2/",
            "", "Exit codes: 0 trained; 1 training failed (NaN or infinite values, or the step search broke down):"
                + " nothing is written; 2 bad input; 3 internal error."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE|NAME", defaultValue = "heart_scale",
            description = "Training data: a file, or a bundled dataset (heart_scale, breast_cancer, iris, wine, digits), "
                    + "or a fetched one (mnist, fashion-mnist). Default: ${DEFAULT-VALUE}.")
    String data;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--max-features", paramLabel = "N", defaultValue = "0",
            description = "LIBSVM: the largest feature index accepted (default 16777216).")
    int maxFeatures;

    @Option(names = "--model", paramLabel = "MODEL", converter = ModelConverter.class,
            description = "A linear model: logistic, softmax, least-squares, huber or smoothed-hinge (default: logistic "
                    + "for 2 labels, softmax for more); or mlp, a neural network (see --hidden).")
    String model;

    @Option(names = "--huber-delta", paramLabel = "DELTA", description = "Huber's threshold delta (default 1).")
    Double huberDelta;

    @Option(names = "--hinge-smoothing", paramLabel = "GAMMA",
            description = "The smoothed hinge's smoothing gamma (default 1).")
    Double hingeSmoothing;

    @Option(names = "--hidden", paramLabel = "W", split = ",",
            description = "mlp: the hidden layers' widths, e.g. 100 (one hidden layer) or 256,128 (default: "
                    + ModelSpec.NetworkSpec.DEFAULT_HIDDEN + ").")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", converter = ActivationConverter.class,
            description = "mlp: the hidden layers' activation: tanh, sigmoid, softplus, gelu or relu (default: tanh).")
    Activation activation;

    @Option(names = "--loss", paramLabel = "LOSS", converter = OutputLossConverter.class,
            description = "mlp: the output loss: softmax (one output per class), logistic (one output, for 2 labels) "
                    + "or least-squares (regression) (default: logistic for 2 labels, softmax for more).")
    OutputLoss loss;

    @Option(names = "--init-seed", paramLabel = "S", description = "mlp: seed of the random initial weights "
            + "(default " + ModelSpec.NetworkSpec.DEFAULT_INIT_SEED + "; biases start at 0).")
    Long initSeed;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "1e-4",
            description = "L2 penalty: minimise mean loss + (L/2)||W||^2; the intercept (mlp: every bias) is not "
                    + "penalized (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--no-intercept", description = "Do not fit an intercept (linear models).")
    boolean noIntercept;

    @Option(names = "--standardize", description = "Standardize features (fitted on the training part; sparse data is "
            + "only scaled). Stored in the model and applied by evaluate and predict.")
    boolean standardize;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Hold out this fraction of the rows (seeded random split) and report test metrics.")
    Double testFraction;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split (default 42).")
    Long seed;

    @Option(names = "--stratify", description = "Keep each class's share in both parts of the split.")
    boolean stratify;

    @Option(names = "--method", paramLabel = "DIR+STEP", defaultValue = "gd+ps",
            description = "<direction>+<step>[:per-layer]; direction: gd, heavyball, nesterov, lbfgs, adam, adagradnorm; "
                    + "step: ps (plane search over learning rate and momentum), lo (exact line optimization), so<m> "
                    + "(subspace optimization over the last m steps), wolfe, armijo, fixed. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--learning-rate", paramLabel = "R", description = "The fixed step's learning rate (step 'fixed' only).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "B", description = "Momentum beta (heavyball and nesterov only).")
    Double momentum;

    @Option(names = "--memory", paramLabel = "M", description = "L-BFGS memory (lbfgs only).")
    Integer memory;

    @Option(names = "--adam-beta1", paramLabel = "B1", description = "Adam's beta1 (adam only).")
    Double adamBeta1;

    @Option(names = "--adam-beta2", paramLabel = "B2", description = "Adam's beta2 (adam only).")
    Double adamBeta2;

    @Option(names = "--adam-epsilon", paramLabel = "EPS", description = "Adam's epsilon (adam only).")
    Double adamEpsilon;

    @Option(names = "--adagrad-b0", paramLabel = "B0", description = "AdaGrad-Norm's initial scale b0 (adagradnorm only).")
    Double adagradB0;

    @Option(names = "--grad-tol", paramLabel = "TOL", defaultValue = "1e-6",
            description = "Stop when ||grad f|| <= TOL (default: ${DEFAULT-VALUE}).")
    double gradTol;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--max-passes", paramLabel = "N", defaultValue = "0",
            description = "Stop after N passes through the data (default: no limit).")
    long maxPasses;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "0",
            description = "Stop after S seconds (default: no limit).")
    double maxSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for matrix products (default: all processors).")
    Integer threads;

    @Option(names = "--blas", paramLabel = "native|java|auto",
            description = "Linear algebra: native OpenBLAS, pure Java, or auto (native when it loads; default).")
    String blas;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write model.json, history.csv (one row per iteration) and summary.json into DIR "
                    + "(a new or empty folder; all or nothing).")
    Path out;

    @Option(names = {"--force", "--overwrite"}, description = "Replace the files of an earlier run in --out (and --report).")
    boolean overwrite;

    @Mixin
    ReportOptions reportOptions;

    @Option(names = "--quiet", description = "No summary and no progress bar (errors still go to stderr).")
    boolean quiet;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout (as summary.json; "
            + "also with --quiet).")
    boolean json;

    @Mixin
    MiniBatchOptions miniBatch = new MiniBatchOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (miniBatch.active()) {
            return new MiniBatchRun(this).call(stdout, stderr);
        }
        miniBatch.rejectWithoutBatchSize();
        Method parsed = method();
        StopSpec stop = new StopSpec(gradTol, maxIter, maxPasses, maxSeconds);
        ModelSpec modelSpec = modelSpec();
        SplitOptions split = split();
        reportOptions.validate(split != null, out != null);
        DataSpec dataSpec = dataOptions.spec(data, maxFeatures);
        if (overwrite && out == null && reportOptions.report == null) {
            throw new UserError("--force (--overwrite) applies to --out and --report only");
        }
        BackendOptions.configure(blas, threads);

        try (AtomicOutput output = out == null ? null
                     : AtomicOutput.openFolder(out, overwrite, "--out", reportOptions.outFiles(out, TrainReport.FILES));
             TrainingData prepared = TrainingData.prepare(dataSpec, modelSpec, split);
             RunRecorder recorder = reportOptions.recorder(prepared, out, output, overwrite);
             HistoryWriter history = output == null ? null : new HistoryWriter(output.file("history.csv"), recorder);
             ProgressListener progress = ProgressListener.create(quiet, stop.maxIterations());
             EngineOptions.Session engine = engineOptions.open(prepared.model)) {
            TrainableModel trained = prepared.model;
            ChosenRates rates = new ChosenRates(parsed.step(), trained.layout());
            List<IterationListener> listeners = new ArrayList<>(List.of(rates, progress, recorder));
            if (history != null) {
                listeners.add(history.listener());
            }
            Objective objective = recorder.track(engine.objective(trained, prepared.train.features(), prepared.trainTargets,
                    lambda, prepared.train.storage()));
            double[] start = trained.start(initSeed());
            OptimizationResult result = parsed.optimizer(stop.criterion())
                    .minimize(objective, start, listeners.toArray(new IterationListener[0]));
            progress.finish();

            ModelEvaluation trainEval = null;
            ModelEvaluation testEval = null;
            if (result.succeeded()) {
                double[] w = result.x();
                trainEval = trained.evaluate(prepared.train.features(), prepared.trainTargets, w);
                if (prepared.test != null) {
                    testEval = trained.evaluate(prepared.test.features(), prepared.testTargets, w);
                }
            }
            TrainReport report = new TrainReport(data, prepared, lambda, split, method, stop, result,
                    rates, trainEval, testEval, out, engine.describe(BackendOptions.describe(prepared.train.storage())));
            if (!result.succeeded()) {
                print(report, stdout);
                stderr.println("planesearch: " + report.failureLine());
                stderr.flush();
                return 1;
            }
            recorder.writeReport(report.json());
            if (output != null) {
                history.finish();
                modelFile(prepared, result, report).write(output.file("model.json"));
                Json.write(output.file("summary.json"), report.json());
                output.commit();
            }
            recorder.commit();
            print(report, stdout);
            if (!quiet && !json) {
                recorder.printSaved(stdout);
            }
            return 0;
        }
    }

    private void print(TrainReport report, PrintWriter stdout) {
        if (json) {
            stdout.println(Json.line(report.json()));
        } else if (!quiet) {
            report.print(stdout);
        }
        stdout.flush();
    }

    private ModelFile modelFile(TrainingData prepared, OptimizationResult result, TrainReport report) {
        Map<String, Object> training = Json.object();
        training.put("date", Instant.now().toString());
        training.put("planesearch", Main.version());
        training.putAll(report.json());
        training.remove("out");
        List<String> labels = prepared.classes().isEmpty() ? null : prepared.classes();
        List<String> names = prepared.train.featureNames().isEmpty() ? null : prepared.train.featureNames();
        String labelColumn = prepared.source.format() == DataFormat.CSV && prepared.source.source().equals("file")
                ? dataOptions.labelColumn : null;
        return new ModelFile(prepared.model, labels, names, labelColumn,
                prepared.standardizer == null ? null : prepared.standardizer.means(),
                prepared.standardizer == null ? null : prepared.standardizer.scales(),
                lambda, training, result.x());
    }

    /**
     * The model flags as a spec. Flags of the other family are errors: the network flags without
     * --model mlp, and (in {@link ModelSpec}) the linear flags with it.
     */
    ModelSpec modelSpec() {
        boolean network = ModelSpec.MLP.equals(model);
        ModelSpec.NetworkSpec net = null;
        if (network) {
            net = new ModelSpec.NetworkSpec(hidden == null ? new int[] {ModelSpec.NetworkSpec.DEFAULT_HIDDEN} : hidden,
                    activation == null ? Activation.TANH : activation, loss, initSeed());
        } else {
            networkOnly("--hidden", hidden != null, "");
            networkOnly("--activation", activation != null, "");
            networkOnly("--loss", loss != null, "; a linear model's loss is its --model");
            networkOnly("--init-seed", initSeed != null, "; a linear model starts at 0");
        }
        return new ModelSpec(network || model == null ? null : LossKind.fromId(model),
                huberDelta == null ? Double.NaN : huberDelta, hingeSmoothing == null ? Double.NaN : hingeSmoothing,
                lambda, !noIntercept, standardize, net);
    }

    /** A network flag given for a linear model is an error. */
    private void networkOnly(String flag, boolean given, String note) {
        if (given) {
            throw new UserError(flag + " applies to --model " + ModelSpec.MLP + " only"
                    + (model == null ? " (give --model " + ModelSpec.MLP + ")" : ", not " + model) + note);
        }
    }

    long initSeed() {
        return initSeed == null ? ModelSpec.NetworkSpec.DEFAULT_INIT_SEED : initSeed;
    }

    private Method method() {
        MethodOptions o = MethodOptions.defaults();
        if (learningRate != null) {
            o = o.withLearningRate(learningRate);
        }
        if (momentum != null) {
            o = o.withMomentum(momentum);
        }
        if (memory != null) {
            if (memory < 1) {
                throw new UserError("--memory: must be >= 1, got " + memory);
            }
            o = o.withMemory(memory);
        }
        if (adamBeta1 != null || adamBeta2 != null || adamEpsilon != null) {
            o = o.withAdam(nan(adamBeta1), nan(adamBeta2), nan(adamEpsilon));
        }
        if (adagradB0 != null) {
            o = o.withAdagradInitialScale(adagradB0);
        }
        try {
            return Method.parse(method, o);
        } catch (IllegalArgumentException e) {
            // Method.parse names the method and the bad part; the rules' records name a bad value
            String message = flagNames(e.getMessage());
            String own = "method '" + method + "'";
            throw new UserError(message.startsWith(own) ? "--method " + method + message.substring(own.length())
                    : "--method " + method + ": " + message);
        }
    }

    /** Method.parse speaks of options by their role; the user typed flags. */
    private static String flagNames(String message) {
        return message.replace("has no learning rate to set", "has no learning rate to set (--learning-rate)")
                .replace("has no momentum to set", "has no momentum to set (--momentum)")
                .replace("has no memory to set", "has no memory to set (--memory)")
                .replace("has no Adam β₁ to set", "has no Adam beta1 to set (--adam-beta1)")
                .replace("has no Adam β₂ to set", "has no Adam beta2 to set (--adam-beta2)")
                .replace("has no Adam ε to set", "has no Adam epsilon to set (--adam-epsilon)")
                .replace("has no AdaGrad-Norm b₀ to set", "has no AdaGrad-Norm b0 to set (--adagrad-b0)");
    }

    private SplitOptions split() {
        if (testFraction == null) {
            if (seed != null) {
                throw new UserError("--seed " + seed + ": applies to the train/test split; add --test-fraction");
            }
            if (stratify) {
                throw new UserError("--stratify: applies to the train/test split; add --test-fraction");
            }
            return null;
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UserError("--test-fraction: must be between 0 and 1 (exclusive), got " + testFraction);
        }
        SplitOptions s = SplitOptions.defaults().withTestFraction(testFraction).withStratified(stratify);
        return seed == null ? s : s.withSeed(seed);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** A linear loss id, as {@link LossKind#id()}, or {@value ModelSpec#MLP}. */
    static final class ModelConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals(ModelSpec.MLP)) {
                return value;
            }
            try {
                return LossKind.fromId(value).id();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a model; expected logistic, softmax, "
                        + "least-squares, huber, smoothed-hinge or mlp");
            }
        }
    }

    /** An activation id, as {@link Activation#id()}. */
    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A network output loss id, as {@link OutputLoss#id()}. */
    static final class OutputLossConverter implements ITypeConverter<OutputLoss> {
        @Override
        public OutputLoss convert(String value) {
            try {
                return OutputLoss.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The run's backend setting, for the report. */
    static final class BackendOptions {
        /** More threads than this is surely a typo. */
        static final int MAX_THREADS = 1024;

        private BackendOptions() {
        }

        /** Selects the backend and thread count when given. */
        static void configure(String blas, Integer threads) {
            if (threads != null) {
                if (threads < 1 || threads > MAX_THREADS) {
                    throw new UserError("--threads: must be between 1 and " + MAX_THREADS + ", got " + threads);
                }
                Backend.setThreads(threads);
            }
            if (blas != null) {
                try {
                    Backend.select(blas);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new UserError("--blas " + blas + ": " + e.getMessage());
                }
            }
        }

        /** What computed the products of data in this storage (sparse data never uses BLAS). */
        static String describe(org.planesearch.data.Storage storage) {
            return storage.isDense() ? Backend.current().describe() : "java (sparse data), " + Backend.threads() + " threads";
        }
    }
}
