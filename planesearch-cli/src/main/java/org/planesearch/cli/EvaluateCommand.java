package org.planesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.planesearch.models.linear.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planesearch evaluate}: the metrics of a saved model (linear or network) on labelled data:
 * accuracy and loss (binary models also AUC) for classifiers, loss and MSE for regression.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = "Measure a trained model on labelled data: accuracy and loss (binary: also auc); "
                + "regression: loss and mse.",
        footer = {"", "Example:", "  planesearch evaluate --model run1/model.json --data test.libsvm --json"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.json written by train --out.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Labelled data: a file or a bundled or fetched dataset name.")
    String data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--json", description = "Print one JSON object: examples, accuracy, loss, auc (classification) "
            + "or examples, loss, mse (regression).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelInput in = ModelInput.read(model, dataOptions.spec(data, 0), false)) {
            double[] targets = in.model.labelMap().targets(in.data.labels());
            ModelEvaluation e = in.model.model().evaluate(in.data.features(), targets, in.model.parameters());
            Map<String, Object> m = MetricsReport.json(e);
            if (json) {
                Map<String, Object> all = Json.object();
                all.put("data", data);
                all.put("model", model.toString());
                all.putAll(m);
                out.println(Json.line(all));
            } else {
                out.println("Evaluated " + in.model.model().noun() + " " + model + " on " + data + ": "
                        + Fmt.count(e.examples()) + " example" + Fmt.s(e.examples()));
                for (Map.Entry<String, Object> entry : m.entrySet()) {
                    if (entry.getKey().equals("examples")) {
                        continue;
                    }
                    Object v = entry.getValue();
                    String text = v == null ? "n/a" : String.valueOf(v);
                    if (entry.getKey().equals("accuracy") && v != null) {
                        text += " (" + Fmt.percent((Double) v) + ")";
                    }
                    if (entry.getKey().equals("auc") && v == null) {
                        text += " (the data has one class only)";
                    }
                    out.printf("  %-10s %s%n", entry.getKey(), text);
                }
            }
            out.flush();
            return 0;
        }
    }
}
