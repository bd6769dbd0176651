package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    private static Labels labels(String source, String... raw) {
        long[] lines = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            lines[i] = i + 2;
        }
        return Labels.of(source, raw, lines);
    }

    @Test
    void binaryMapsTheLargerNumberToPlusOne() throws DataFormatException {
        LabelMap m = LabelMap.binary(labels("a.svm", "+1", "-1", "1", "-1"));
        assertEquals(List.of("-1", "1"), m.classes());
        assertArrayEquals(new double[] {1, -1, 1, -1}, m.targets(labels("a.svm", "+1", "-1", "1", "-1")));
        LabelMap zeroOne = LabelMap.binary(labels("b.csv", "1", "0", "0"));
        assertArrayEquals(new double[] {1, -1, -1}, zeroOne.targets(labels("b.csv", "1", "0", "0")));
        assertEquals("1", zeroOne.label(1));
        // Numeric order, not string order: 10 > 9.
        LabelMap nines = LabelMap.binary(labels("c", "9", "10"));
        assertEquals(List.of("9", "10"), nines.classes());
    }

    @Test
    void binaryMapsTheLexicographicallyLaterStringToPlusOne() throws DataFormatException {
        Labels l = labels("cancer.csv", "malignant", "benign", "benign");
        LabelMap m = LabelMap.binary(l);
        assertEquals(List.of("benign", "malignant"), m.classes());
        assertArrayEquals(new double[] {1, -1, -1}, m.targets(l));
        assertArrayEquals(new int[] {1, 0, 0}, m.classIndices(l));
        assertFalse(m.isNumeric());
    }

    @Test
    void threeLabelsForABinaryModelListTheLabelsAndWhereEachFirstAppears() {
        Labels l = labels("train.svm", "0", "1", "1", "2", "0");
        DataFormatException e = failsWith(() -> LabelMap.binary(l), "train.svm",
                "exactly 2 distinct labels, found 3", "'0' (first at line 2)", "'1' (first at line 3)",
                "'2' (first at line 5)", "multiclass");
        assertEquals(0, e.line());
        failsWith(() -> LabelMap.binary(labels("one.svm", "1", "1")), "one.svm", "found 1: '1'");
    }

    @Test
    void multiclassSortsClassesDeterministically() throws DataFormatException {
        Labels l = labels("iris.csv", "virginica", "setosa", "versicolor", "setosa");
        LabelMap m = LabelMap.multiclass(l);
        assertEquals(List.of("setosa", "versicolor", "virginica"), m.classes());
        assertArrayEquals(new double[] {2, 0, 1, 0}, m.targets(l));
        Labels digits = labels("d", "10", "2", "1", "2");
        assertEquals(List.of("1", "2", "10"), LabelMap.multiclass(digits).classes());
    }

    @Test
    void numericLabelsAreOneClassWhateverTheirSpelling() throws DataFormatException {
        Labels l = labels("s", "+1", "1.0", "1", "-1", "-1e0");
        assertEquals(List.of("-1", "1"), l.distinct());
        LabelMap m = LabelMap.binary(l);
        assertArrayEquals(new double[] {1, 1, 1, -1, -1}, m.targets(l));
    }

    @Test
    void multiclassGuardsAgainstRegressionTargetsReadAsClasses() {
        String[] raw = new String[50];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Double.toString(i * 0.37);
        }
        failsWith(() -> LabelMap.multiclass(labels("y.csv", raw), 20), "y.csv", "found 50 distinct labels",
                "limit of 20", "regression", "and 40 more");
        failsWith(() -> LabelMap.multiclass(labels("y.csv", "3", "3")), "y.csv", "at least 2", "found 1");
    }

    @Test
    void storedFormRebuildsTheSameMapping() throws DataFormatException {
        Labels train = labels("train", "b", "a", "c", "a");
        LabelMap fitted = LabelMap.multiclass(train);
        LabelMap rebuilt = LabelMap.of(fitted.task(), fitted.classes());
        assertArrayEquals(fitted.targets(train), rebuilt.targets(train));
        Labels numeric = labels("train", "-1", "1", "1");
        LabelMap bin = LabelMap.binary(numeric);
        LabelMap binRebuilt = LabelMap.of(LabelTask.parse(bin.task().id()), List.copyOf(bin.classes()));
        assertTrue(binRebuilt.isNumeric());
        assertArrayEquals(bin.targets(numeric), binRebuilt.targets(numeric));
        assertArrayEquals(new double[] {1, -1, 1}, binRebuilt.targets(labels("test", "+1", "-1", "1.0")));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(LabelTask.BINARY, List.of("a", "b", "c")));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(LabelTask.MULTICLASS, List.of("b", "a")));
        assertThrows(IllegalArgumentException.class, () -> LabelMap.of(LabelTask.REGRESSION, List.of("a")));
    }

    @Test
    void unseenLabelInTestDataIsAnErrorAtItsLine() throws DataFormatException {
        LabelMap m = LabelMap.binary(labels("train.svm", "-1", "1"));
        DataFormatException e = failsWith(() -> m.targets(labels("test.svm", "1", "-1", "2")), "test.svm:4",
                "label '2' was not seen in training", "known labels: '-1', '1'");
        assertEquals(4, e.line());
        LabelMap s = LabelMap.binary(labels("train.csv", "no", "yes"));
        failsWith(() -> s.targets(labels("test.csv", "yes", "maybe")), "test.csv:3", "'maybe'");
        failsWith(() -> m.targets(labels("test.csv", "1", "yes")), "test.csv:3", "'yes'");
        // Without lines (binary formats) the row is named instead.
        Labels rows = Labels.numeric("lab.idx", new double[] {1, 5}, null);
        failsWith(() -> m.targets(rows), "lab.idx", "label '5' (row 2) was not seen");
    }

    @Test
    void regressionKeepsValuesAndRejectsText() throws DataFormatException {
        Labels l = labels("y.csv", "1.5", "-2", "3e2");
        LabelMap m = LabelMap.regression(l);
        assertEquals(0, m.numClasses());
        assertArrayEquals(new double[] {1.5, -2, 300}, m.targets(l));
        failsWith(() -> LabelMap.regression(labels("y.csv", "1.5", "high")), "y.csv:3", "label 'high'",
                "regression model needs numeric targets");
        assertThrows(IllegalStateException.class, () -> m.classIndices(l));
    }

    @Test
    void unlabeledDataCannotBeMapped() {
        Labels none = Labels.none("predict.csv", 3);
        failsWith(() -> LabelMap.binary(none), "predict.csv", "has no labels");
        failsWith(() -> LabelMap.fit(LabelTask.REGRESSION, none), "predict.csv", "has no labels");
    }
}
