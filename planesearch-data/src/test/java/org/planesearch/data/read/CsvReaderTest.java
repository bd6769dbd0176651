package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.gzip;
import static org.planesearch.data.DataTestSupport.toArray;
import static org.planesearch.data.DataTestSupport.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static final String WITH_HEADER = "age,income,label\n"
            + "31,1.5e3,yes\n"
            + "\n"
            + "47, -2 ,no\r\n"
            + "25,0,yes\n";

    private static final double[][] VALUES = {{31, 1500}, {47, -2}, {25, 0}};

    @Test
    void detectsHeaderAndReadsValuesLabelsAndNames() throws IOException {
        Path p = write(dir, "people.csv", WITH_HEADER);
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertEquals(Storage.DENSE, d.storage());
            assertArrayEquals(VALUES, toArray(d.features()));
            assertEquals(List.of("age", "income"), d.featureNames());
            assertEquals("yes", d.labels().get(0));
            assertEquals("no", d.labels().get(1));
            assertFalse(d.labels().isNumeric());
            assertEquals(4, d.labels().line(1));
            assertEquals(5, d.labels().line(2));
        }
    }

    @Test
    void allNumericFirstLineIsData() throws IOException {
        Path p = write(dir, "plain.csv", "1,2,0\n3,4,1\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, toArray(d.features()));
            assertEquals(List.of(), d.featureNames());
            assertArrayEquals(new double[] {0, 1}, d.labels().values());
            assertEquals("2", d.featureName(1));
        }
    }

    @Test
    void textLabelInTheFirstDataLineIsNotMistakenForAHeader() throws IOException {
        Path p = write(dir, "iris.csv", "5.1,3.5,setosa\n6.2,3.4,virginica\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertEquals(2, d.rows());
            assertEquals("setosa", d.labels().get(0));
        }
        Path single = write(dir, "one.csv", "5.1,3.5,setosa\n");
        try (Dataset d = CsvReader.read(single, CsvOptions.defaults())) {
            assertEquals(1, d.rows());
        }
    }

    @Test
    void headerWithSomeNumericNamesIsDetectedFromTheSecondLine() throws IOException {
        Path p = write(dir, "years.csv", "region,2019,2020\n1,5,6\n2,7,8\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertEquals(2, d.rows());
            assertEquals(List.of("region", "2019"), d.featureNames());
        }
    }

    @Test
    void explicitHeaderSettingOverridesDetection() throws IOException {
        Path p = write(dir, "h.csv", "1,2,3\n4,5,6\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults().withHeader(CsvHeader.PRESENT))) {
            assertEquals(1, d.rows());
            assertEquals(List.of("1", "2"), d.featureNames());
        }
        Path q = write(dir, "nh.csv", "a,b,c\n4,5,6\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults().withHeader(CsvHeader.ABSENT)), q + ":1:1",
                "value 'a' in column 1 is not a number");
    }

    @Test
    void labelColumnByNameNumberOrNone() throws IOException {
        Path p = write(dir, "people.csv", WITH_HEADER);
        // With 'age' as the label, the text column 'label' becomes a feature, which is reported.
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn(LabelColumn.named("age"))),
                p + ":2:3", "value 'yes' in column 'label' is not a number");
        Path q = write(dir, "num.csv", "y,a,b\n1,2,3\n0,5,6\n");
        try (Dataset byName = CsvReader.read(q, CsvOptions.defaults().withLabelColumn(LabelColumn.named("y")));
                Dataset byNumber = CsvReader.read(q, CsvOptions.defaults().withLabelColumn(LabelColumn.number(1)));
                Dataset none = CsvReader.read(q, CsvOptions.defaults().withLabelColumn(LabelColumn.none()))) {
            assertArrayEquals(new double[][] {{2, 3}, {5, 6}}, toArray(byName.features()));
            assertArrayEquals(new double[] {1, 0}, byName.labels().values());
            assertEquals(List.of("a", "b"), byName.featureNames());
            assertArrayEquals(toArray(byName.features()), toArray(byNumber.features()));
            assertEquals(3, none.cols());
            assertFalse(none.labels().isPresent());
        }
    }

    @Test
    void quotedFieldsKeepDelimitersAndEscapedQuotes() throws IOException {
        Path p = write(dir, "q.csv", "\"size, cm\",\"say \"\"hi\"\"\",class\n\"1.5\", 2 ,\"a, b\"\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertEquals(List.of("size, cm", "say \"hi\""), d.featureNames());
            assertArrayEquals(new double[][] {{1.5, 2}}, toArray(d.features()));
            assertEquals("a, b", d.labels().get(0));
        }
    }

    @Test
    void otherDelimiters() throws IOException {
        Path p = write(dir, "semi.csv", "a;b;y\n1,5;2;0\n".replace("1,5", "1.5"));
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults().withDelimiter(';'))) {
            assertArrayEquals(new double[][] {{1.5, 2}}, toArray(d.features()));
        }
        Path t = write(dir, "tab.tsv", "a\tb\ty\n1\t2\t0\n");
        try (Dataset d = CsvReader.read(t, CsvOptions.defaults().withDelimiter('\t'))) {
            assertArrayEquals(new double[][] {{1, 2}}, toArray(d.features()));
        }
    }

    @Test
    void floatAndSparseStorageHoldTheSameValues() throws IOException {
        Path p = write(dir, "people.csv", WITH_HEADER);
        try (Dataset f = CsvReader.read(p, CsvOptions.defaults().withStorage(Storage.DENSE_FLOAT));
                Dataset s = CsvReader.read(p, CsvOptions.defaults().withStorage(Storage.SPARSE))) {
            assertArrayEquals(VALUES, toArray(f.features()));
            assertArrayEquals(VALUES, toArray(s.features()));
            assertEquals(5, s.features().nonZeros());
        }
    }

    @Test
    void gzippedCsvIsReadTransparently() throws IOException {
        Path p = write(dir, "people.csv.gz", gzip(WITH_HEADER.getBytes(StandardCharsets.UTF_8)));
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertArrayEquals(VALUES, toArray(d.features()));
        }
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        Path p = write(dir, "bom.csv", "\uFEFFa,y\n1,0\n");
        try (Dataset d = CsvReader.read(p, CsvOptions.defaults())) {
            assertEquals(List.of("a"), d.featureNames());
        }
    }

    @Test
    void wrongFieldCountNamesTheLineAndBothCounts() throws IOException {
        Path p = write(dir, "short.csv", "a,b,y\n1,2,0\n3,4,1\n5,1\n");
        DataFormatException e = failsWith(() -> CsvReader.read(p, CsvOptions.defaults()), p + ":4",
                "expected 3 fields, got 2");
        assertEquals(4, e.line());
        Path q = write(dir, "long.csv", "1,2,0\n3,4,1,9\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults()), q + ":2", "expected 3 fields, got 4");
    }

    @Test
    void nonNumericFeatureNamesTheColumn() throws IOException {
        Path p = write(dir, "train.csv", "id,age,y\n1,30,0\n2,abc,1\n");
        DataFormatException e = failsWith(() -> CsvReader.read(p, CsvOptions.defaults()), p + ":3:2",
                "value 'abc' in column 'age' is not a number");
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertEquals("value 'abc' in column 'age' is not a number", e.detail());
    }

    @Test
    void nanAndInfinityAreErrors() throws IOException {
        Path p = write(dir, "nan.csv", "a,b,y\n1,NaN,0\n");
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults()), p + ":2:2", "'NaN'", "column 'b'", "not finite");
        Path q = write(dir, "inf.csv", "1,2,0\nInfinity,2,0\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults()), q + ":2:1", "'Infinity'", "column 1", "not finite");
    }

    @Test
    void emptyFeatureAndMissingLabelAreErrors() throws IOException {
        Path p = write(dir, "gap.csv", "a,b,y\n1,,0\n");
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults()), p + ":2:2", "missing value in column 'b'");
        Path q = write(dir, "nolabel.csv", "a,b,y\n1,2,0\n1,2,\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults()), q + ":3:3", "missing label in column 'y'");
        Path r = write(dir, "nanlabel.csv", "a,y\n1,NaN\n");
        failsWith(() -> CsvReader.read(r, CsvOptions.defaults()), r + ":2:2", "label 'NaN'", "not finite");
    }

    @Test
    void unterminatedQuoteIsAnError() throws IOException {
        Path p = write(dir, "q.csv", "a,y\n\"1,0\n");
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults()), p + ":2:1", "unterminated quoted field");
        Path q = write(dir, "q2.csv", "a,y\n\"1\"x,0\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults()), q + ":2:1", "after a closing quote");
    }

    @Test
    void unknownOrAmbiguousLabelColumn() throws IOException {
        Path p = write(dir, "cols.csv", "a,b,y\n1,2,0\n");
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn(LabelColumn.named("target"))),
                p + ":1", "no column is named 'target'", "'a', 'b', 'y'");
        failsWith(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn(LabelColumn.number(7))), p + ":1",
                "label column 7 is beyond the 3 columns");
        Path q = write(dir, "dup.csv", "y,a,y\n1,2,0\n");
        failsWith(() -> CsvReader.read(q, CsvOptions.defaults().withLabelColumn(LabelColumn.named("y"))), q + ":1:3",
                "several columns are named 'y'");
        Path r = write(dir, "nohead.csv", "1,2,0\n");
        failsWith(() -> CsvReader.read(r, CsvOptions.defaults().withLabelColumn(LabelColumn.named("y"))
                .withHeader(CsvHeader.ABSENT)), r.toString(), "no header");
    }

    @Test
    void emptyFileBlankFileAndHeaderOnly() throws IOException {
        Path e = write(dir, "empty.csv", "");
        failsWith(() -> CsvReader.read(e, CsvOptions.defaults()), e.toString(), "empty file");
        Path b = write(dir, "blank.csv", "\n  \n");
        failsWith(() -> CsvReader.read(b, CsvOptions.defaults()), b.toString(), "no data lines");
        Path h = write(dir, "head.csv", "a,b,y\n");
        failsWith(() -> CsvReader.read(h, CsvOptions.defaults()), h.toString(), "no data lines", "header");
    }

    @Test
    void optionsRejectUnusableValues() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> LabelColumn.number(0));
        assertEquals(LabelColumn.number(3), LabelColumn.parse("3"));
        assertEquals(LabelColumn.named("target"), LabelColumn.parse("target"));
        assertEquals(LabelColumn.last(), LabelColumn.parse("last"));
        assertEquals(LabelColumn.none(), LabelColumn.parse("none"));
    }
}
