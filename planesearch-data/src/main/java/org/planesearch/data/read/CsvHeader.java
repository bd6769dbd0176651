package org.planesearch.data.read;

/** Whether the first line of a CSV file names the columns. */
public enum CsvHeader {
    /**
     * Decide from the data: the first line is a header when it is all text, data when it is all
     * numbers, and when it mixes both, a header if some column is text in line 1 but a number in
     * line 2 (with a single line: a header unless the label column is its only text). A label
     * column chosen by name implies a header.
     */
    AUTO,
    /** The first line is a header. */
    PRESENT,
    /** There is no header; every line is data. */
    ABSENT
}
