package org.planesearch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planesearch predict}: one line per row of the data: the predicted label (regression: the
 * predicted value), or with {@code --probabilities} the class probabilities, comma-separated in the
 * order of the model's {@code labels}. To stdout, or atomically to {@code --out}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Predict with a trained model: one line per row of the data (the label; regression: the value).",
            "CSV data may have the model's feature columns only, or a label column too (ignored)."},
        footer = {"", "Example:", "  planesearch predict --model run1/model.json --data new.csv --out predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.json written by train --out.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME", description = "The rows to predict.")
    String data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the predictions to FILE (all or nothing) "
            + "instead of stdout.")
    Path out;

    @Option(names = {"--force", "--overwrite"}, description = "Replace an existing --out file.")
    boolean overwrite;

    @Option(names = "--probabilities", description = "Print class probabilities, one column per class in the order of "
            + "the model's labels (logistic and softmax models and networks).")
    boolean probabilities;

    @Override
    public Integer call() throws IOException {
        if (overwrite && out == null) {
            throw new UserError("--force (--overwrite) applies to --out only");
        }
        DataSpec dataSpec = dataOptions.spec(data, 0);
        try (AtomicOutput output = out == null ? null : AtomicOutput.openFile(out, overwrite, "--out");
             ModelInput in = ModelInput.read(model, dataSpec, true)) {
            TrainableModel m = in.model.model();
            if (probabilities && !m.hasProbabilities()) {
                throw new UserError("--probabilities: a " + m.noun() + " gives no probabilities "
                        + "(logistic and softmax models and networks do)");
            }
            if (output == null) {
                PrintWriter w = spec.commandLine().getOut();
                write(in, m, w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(output.file())) {
                    write(in, m, w);
                }
                output.commit();
            }
            return 0;
        }
    }

    private void write(ModelInput in, TrainableModel m, Writer w) throws IOException {
        BufferedWriter b = w instanceof BufferedWriter bw ? bw : new BufferedWriter(w, 1 << 16);
        int n = in.data.rows();
        double[] params = in.model.parameters();
        LabelMap labels = in.model.labelMap();
        StringBuilder line = new StringBuilder(64);
        if (probabilities) {
            double[] p = new double[n * m.outputs()];
            m.probabilities(in.data.features(), params, p);
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                if (m.task() == LabelTask.BINARY) {
                    line.append(1 - p[i]).append(',').append(p[i]);
                } else {
                    for (int o = 0; o < m.outputs(); o++) {
                        line.append(o == 0 ? "" : ",").append(p[i * m.outputs() + o]);
                    }
                }
                b.append(line).append('\n');
            }
        } else {
            double[] y = new double[n];
            m.predict(in.data.features(), params, y);
            for (int i = 0; i < n; i++) {
                if (m.task() == LabelTask.BINARY) {
                    b.append(labels.label(y[i] > 0 ? 1 : 0));
                } else if (m.task() == LabelTask.MULTICLASS) {
                    b.append(labels.label((int) y[i]));
                } else {
                    b.append(Double.toString(y[i]));
                }
                b.append('\n');
            }
        }
        b.flush();
    }
}
