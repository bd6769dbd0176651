package org.planesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.planesearch.cli.report.Report;
import org.planesearch.cli.report.Run;
import org.planesearch.cli.report.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code planesearch report RUN… --out DIR}: an offline HTML report (index.html, with a PNG and an
 * SVG file per plot) of one or more training runs saved by {@code train --out}, overlaid for
 * comparison. The plots and the page are {@link org.planesearch.cli.report}'s; this command reads
 * the runs, names them and writes the folder atomically (refusing an existing folder that is not
 * empty unless {@code --force}, as {@code train --out} does).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"An HTML report with plots of one or more training runs (folders written by train --out), "
                + "overlaid for comparison: objective (or f - f*) against iterations, data passes and seconds; gradient "
                + "norm; the chosen learning and momentum rates per layer; the step search's inner iterations and "
                + "trials; test metrics recorded with train --test-every.",
                "Writes index.html (self-contained, works offline) and a PNG and an SVG file per plot into --out."},
        footer = {"", "Examples:",
                "  planesearch report run1 --out run1-report",
                "  planesearch report run1 run2 --label 'plane search' --label 'line search' --f-star best --out cmp",
                "", "Exit codes: 0 written; 2 bad input (a flag, or a run folder whose files are missing or damaged)."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "1..*",
            description = "Run folders written by train --out (history.csv, and summary.json when present), or history.csv files.")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The report's folder (a new or empty folder; all or nothing).")
    Path out;

    @Option(names = {"--force", "--overwrite"}, description = "Replace the files of an earlier report in --out.")
    boolean overwrite;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "The runs' names in legends and the table, one --label per run in order (default: each run's "
                    + "method, with its folder where two runs share one).")
    List<String> labels;

    @Option(names = "--f-star", paramLabel = "VALUE|best",
            description = "The optimal value f*, to plot f - f* on log axes: a number, or 'best' (the lowest f any run "
                    + "reached; for runs on the same objective). Default: each run's summary.json 'fStar' where every run "
                    + "has one; otherwise f is plotted.")
    String fStar;

    @Option(names = "--title", paramLabel = "TEXT", description = "The page's title (default: Planesearch report: the labels).")
    String title;

    @Override
    public Integer call() throws IOException {
        Report.FStar star = fStar();
        if (labels != null && labels.size() != runs.size()) {
            throw new UserError("--label: given " + labels.size() + " time" + Fmt.s(labels.size()) + " for " + runs.size()
                    + " run" + Fmt.s(runs.size()) + "; give one --label per run, in order");
        }
        if (labels != null) {
            Set<String> seen = new HashSet<>();
            for (String l : labels) {
                if (l.isBlank()) {
                    throw new UserError("--label: must not be blank");
                }
                if (!seen.add(l)) {
                    throw new UserError("--label '" + l + "': given twice; the runs' labels must differ");
                }
            }
        }
        List<Run> read = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = RunReader.read(runs.get(i));
            read.add(labels == null ? run : run.withLabel(labels.get(i)));
        }
        List<String> names = new ArrayList<>();
        for (Run r : read) {
            names.add(r.label());
        }
        String pageTitle = title != null ? title : "Planesearch report: " + String.join(", ", names);
        List<String> written;
        try (AtomicOutput output = AtomicOutput.openFolder(out, overwrite, "--out", Report.FILES)) {
            written = Report.write(output.folder(), pageTitle, "planesearch " + Main.version(), read, star);
            output.commit();
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Wrote " + out.resolve(Report.PAGE) + " (" + (written.size() - 1) / 2 + " plot"
                + Fmt.s((written.size() - 1) / 2) + " of " + read.size() + " run" + Fmt.s(read.size())
                + ", each also as PNG and SVG in " + out + ")");
        stdout.flush();
        return 0;
    }

    private Report.FStar fStar() {
        if (fStar == null) {
            return Report.FStar.SUMMARY;
        }
        try {
            return Report.FStar.parse(fStar);
        } catch (IllegalArgumentException e) {
            throw new UserError("--f-star: " + e.getMessage());
        }
    }
}
