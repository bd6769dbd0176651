package org.planesearch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON output of summaries and metrics: ordered maps, non-finite numbers written as null. */
final class Json {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    /** A new ordered map for building a JSON object. */
    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** v, or null when it is NaN or infinite (JSON has no such numbers). */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The values of v as a list, non-finite ones as null. */
    static List<Double> numbers(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = number(v[i]);
        }
        return java.util.Arrays.asList(out);
    }

    /** One JSON object on one line. */
    static String line(Map<String, Object> value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** An indented JSON document, written to a file. */
    static void write(Path file, Map<String, Object> value) throws IOException {
        PRETTY.writeValue(file.toFile(), value);
    }
}
