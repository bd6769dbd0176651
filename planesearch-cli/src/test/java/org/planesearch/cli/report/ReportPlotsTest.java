package org.planesearch.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plots as data: which exist, their series (overlay, per layer), and the log-axis rules. */
class ReportPlotsTest {

    private static Map<String, Plot> plots(List<Run> runs, double... fStar) {
        return ReportPlots.build(runs, fStar).plots().stream().collect(Collectors.toMap(Plot::name, Function.identity()));
    }

    private static List<String> labels(Plot p) {
        return p.series().stream().map(Plot.Series::label).toList();
    }

    @Test
    void oneRunWithoutTestMetricsHasEveryPlotButTheTestOnes() {
        Map<String, Plot> p = plots(List.of(Runs.synthetic("gd+ps", 20, false, false, 0)), Double.NaN);
        assertEquals(List.of("objective-iterations", "objective-passes", "objective-seconds", "gradient-norm",
                "learning-rates", "momentum-rates", "search-effort"),
                ReportPlots.build(List.of(Runs.synthetic("gd+ps", 20, false, false, 0.25)), new double[] {Double.NaN})
                        .plots().stream().map(Plot::name).toList());
        assertTrue(p.get("objective-iterations").logY());
        assertEquals("objective f", p.get("objective-iterations").yTitle());
        assertArrayEquals(new double[] {2, 4, 6}, java.util.Arrays.copyOf(p.get("objective-passes").series().get(0).x(), 3),
                "passes on x");
        assertEquals(List.of("inner Newton iterations", "trials"), labels(p.get("search-effort")));
    }

    @Test
    void twoRunsOverlayInEveryPlotWithOneColourEach() {
        Run a = Runs.synthetic("gd+ps", 20, false, true, 0.25);
        Run b = Runs.synthetic("gd+lo", 30, false, true, 0.25);
        Map<String, Plot> p = plots(List.of(a, b), Double.NaN, Double.NaN);
        for (String name : List.of("objective-iterations", "objective-passes", "objective-seconds", "gradient-norm",
                "test-loss", "test-accuracy")) {
            assertEquals(List.of("gd+ps", "gd+lo"), labels(p.get(name)), name);
            assertEquals(List.of(0, 1), p.get(name).series().stream().map(Plot.Series::color).toList(), name);
        }
        assertEquals(List.of("gd+ps: learning rate", "gd+lo: learning rate"), labels(p.get("learning-rates")));
        assertEquals(31, p.get("gradient-norm").series().get(1).size());
        assertEquals(7, p.get("test-loss").series().get(1).size(), "test metrics every 5 of 30 iterations");
        assertTrue(p.get("test-loss").series().get(0).markers());
        assertEquals(75.0, p.get("test-accuracy").series().get(1).y()[1], 1e-12, "accuracy in percent");
    }

    @Test
    void perLayerCoefficientsGiveOneSeriesPerLayer() {
        Map<String, Plot> p = plots(List.of(Runs.synthetic("gd+ps:per-layer", 10, true, false, 0)), Double.NaN);
        Plot learning = p.get("learning-rates");
        assertEquals(List.of("layer1 learning rate", "layer2 learning rate"), labels(learning));
        assertEquals(10, learning.series().get(1).size(), "the first step's learning rates count too");
        assertEquals(2.0, learning.series().get(1).y()[0]);
        assertEquals(List.of("layer1 momentum", "layer2 momentum"), labels(p.get("momentum-rates")));
        assertEquals(9, p.get("momentum-rates").series().get(0).size());
        assertFalse(p.get("momentum-rates").logY(), "momentum on a linear axis: its sign matters");
    }

    @Test
    void knownFStarDrawsTheGapAndDropsWhatALogAxisCannotShow() {
        Run run = Runs.synthetic("gd+ps", 10, false, false, 0.25);
        Plot gap = plots(List.of(run), 0.25 + Math.pow(2, -10)).get("objective-iterations");
        assertEquals("f - f*", gap.yTitle());
        assertTrue(gap.logY());
        assertEquals(10, gap.series().get(0).size(), "the last point is at f*: left out");
        assertEquals(List.of("1 point at or below 0 is not drawn on the log axis (history.csv has it)."), gap.notes());
        assertEquals(Math.pow(2, -0) - Math.pow(2, -10), gap.series().get(0).y()[0], 1e-15);
    }

    @Test
    void anObjectiveThatReachesZeroFallsBackToALinearAxisAndSaysSo() {
        Run run = Runs.synthetic("lbfgs+lo", 5, false, false, -1.0 / 32);
        Plot f = plots(List.of(run), Double.NaN).get("objective-iterations");
        assertFalse(f.logY());
        assertEquals(6, f.series().get(0).size());
        assertTrue(f.notes().get(0).startsWith("Linear y axis"), f.notes().toString());
    }

    @Test
    void negativeLearningRatesAreLeftOutOfTheLogAxisWithANote() {
        Run run = Runs.synthetic("gd+ps", 20, false, false, 0);
        List<HistoryRow> rows = new ArrayList<>(run.rows());
        HistoryRow r = rows.get(3);
        rows.set(3, new HistoryRow(r.iteration(), r.f(), r.gradientNorm(), r.passes(), r.seconds(), r.trials(),
                r.innerIterations(), new double[] {-0.5, 0.8}, r.testLoss(), r.testAccuracy(), r.testSeconds()));
        Plot learning = plots(List.of(new Run("gd+ps", "x", run.summary(), rows)), Double.NaN).get("learning-rates");
        assertTrue(learning.logY());
        assertEquals(19, learning.series().get(0).size());
        assertEquals(List.of("1 point at or below 0 is not drawn on the log axis (history.csv has it)."), learning.notes());
    }

    @Test
    void valuesWithinADecadeGetALinearAxisAndASinglePointAMarker() {
        Run run = Runs.synthetic("gd+ps", 20, false, false, 0.25);
        Plot f = plots(List.of(run), Double.NaN).get("objective-iterations");
        assertFalse(f.logY(), "f from 1.25 to 0.25: a log axis would label no value");
        assertEquals(List.of("Linear y axis: the values span less than a factor of 10."), f.notes());
        Run start = new Run("gd+ps", "x", run.summary(), run.rows().subList(0, 1));
        Plot one = plots(List.of(start), Double.NaN).get("gradient-norm");
        assertEquals(1, one.series().get(0).size());
        assertTrue(one.series().get(0).markers());
    }

    @Test
    void longHistoriesAreThinnedKeepingFirstAndLast() {
        int[] keep = ReportPlots.thin(10_001, 2000);
        assertEquals(2000, keep.length);
        assertEquals(0, keep[0]);
        assertEquals(10_000, keep[1999]);
        Plot p = plots(List.of(Runs.synthetic("gd", 5000, false, false, 0)), Double.NaN).get("objective-passes");
        assertEquals(ReportPlots.MAX_POINTS, p.series().get(0).size());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("thinned")), p.notes().toString());
    }
}
