package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake the CLI must catch: the exit code, one line on stderr (plus picocli's hint
 * line for usage errors) naming the file, line and value, no stack trace, and no --out folder or
 * partial file left behind.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    Path out;

    @BeforeEach
    void setUp() {
        out = tmp.resolve("out");
    }

    /** Runs train with --out and checks that nothing was left in the temp folder but the inputs. */
    private Cli.Result train(boolean hint, List<String> fragments, String... args) throws IOException {
        String[] all = new String[args.length + 3];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 2] = "--out";
        all[all.length - 1] = out.toString();
        try (var before = Files.list(tmp)) {
            List<String> inputs = before.map(p -> p.getFileName().toString()).toList();
            Cli.Result r = Cli.fails(2, hint, fragments, all);
            Cli.assertOnly(tmp, inputs.toArray(new String[0]));
            return r;
        }
    }

    /** A model file's text with one field changed and its checksum recomputed (a deliberate edit). */
    private Path edited(String name, String good, String from, String to) throws IOException {
        assertTrue(good.contains(from), from);
        Path p = tmp.resolve(name);
        Files.write(p, ModelFile.resealed(good.replace(from, to).getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    /** A version-3 model file's text as an older version: without its checksum, with another version. */
    private static String olderVersion(String good, String version) {
        return good.replaceAll(",\\s*\"checksum\" : \"[^\"]*\"", "").replace("\"version\" : 3", "\"version\" : " + version);
    }

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void unknownFlag() throws IOException {
        train(true, List.of("'--lamda'"), "--lamda", "1");
    }

    @Test
    void badNumber() throws IOException {
        train(true, List.of("--lambda", "'abc'"), "--lambda", "abc");
        train(true, List.of("--max-iter", "'ten'"), "--max-iter", "ten");
    }

    @Test
    void outOfRangeNumber() throws IOException {
        train(false, List.of("--lambda", "-1"), "--lambda", "-1");
        train(false, List.of("--test-fraction", "1.5"), "--test-fraction", "1.5");
    }

    @Test
    void unknownMethod() throws IOException {
        train(false, List.of("--method gd+xx", "'xx'"), "--method", "gd+xx");
        train(false, List.of("--method sgd+ps", "'sgd'"), "--method", "sgd+ps");
    }

    @Test
    void optionNotUsedByTheMethod() throws IOException {
        train(false, List.of("--method gd+ps", "--learning-rate"), "--method", "gd+ps", "--learning-rate", "0.1");
        train(false, List.of("--method lbfgs+lo", "--momentum"), "--method", "lbfgs+lo", "--momentum", "0.9");
        train(false, List.of("--huber-delta", "huber"), "--huber-delta", "2");
    }

    @Test
    void missingFile() throws IOException {
        Path missing = tmp.resolve("missing.libsvm");
        train(false, List.of(missing.toString(), "no such file"), "--data", missing.toString());
    }

    @Test
    void malformedLibsvmLine() throws IOException {
        Path bad = file("bad.libsvm", "1 1:0.5 2:1\n-1 1:0.2 3:x\n1 2:3\n");
        train(false, List.of(bad + ":2:", "'x'"), "--data", bad.toString());
    }

    @Test
    void csvWithAWrongFieldCount() throws IOException {
        Path bad = file("bad.csv", "a,b,y\n1,2,0\n3,4,1\n5,1\n");
        train(false, List.of(bad + ":4", "3", "2"), "--data", bad.toString());
    }

    @Test
    void labelsThatDoNotFitTheModel() throws IOException {
        Path three = file("three.csv", "a,b,y\n1,2,0\n3,4,1\n5,1,2\n");
        train(false, List.of(three.toString(), "binary", "3", "'2'"), "--data", three.toString(), "--model", "logistic");
    }

    @Test
    void modelFlagsOfTheOtherFamily() throws IOException {
        // network flags with a linear model (guessed or named)
        train(false, List.of("--hidden", "--model mlp"), "--hidden", "10");
        train(false, List.of("--activation", "--model mlp", "not logistic"), "--model", "logistic", "--activation", "relu");
        train(false, List.of("--loss", "--model mlp", "a linear model's loss is its --model"), "--model", "softmax",
                "--loss", "softmax");
        train(false, List.of("--init-seed", "--model mlp", "starts at 0"), "--init-seed", "3");
        // linear flags with a network
        train(false, List.of("--no-intercept", "mlp", "bias"), "--model", "mlp", "--no-intercept");
        train(false, List.of("--huber-delta", "--model huber", "not mlp"), "--model", "mlp", "--huber-delta", "2");
        train(false, List.of("--hinge-smoothing", "not mlp"), "--model", "mlp", "--hinge-smoothing", "1");
    }

    @Test
    void badNetworkFlagValues() throws IOException {
        train(false, List.of("--hidden 10,0", ">= 1", "got 0"), "--model", "mlp", "--hidden", "10,0");
        train(true, List.of("--hidden", "'x'"), "--model", "mlp", "--hidden", "10,x");
        train(true, List.of("--activation", "'swish'", "relu"), "--model", "mlp", "--activation", "swish");
        train(true, List.of("--loss", "'probit'", "least-squares"), "--model", "mlp", "--loss", "probit");
        train(true, List.of("--model", "'perceptron'", "mlp"), "--model", "perceptron");
        train(false, List.of("iris", "binary", "3"), "--data", "iris", "--model", "mlp", "--loss", "logistic");
    }

    @Test
    void corruptModelFile() throws IOException {
        Path corrupt = file("corrupt.json", "{\"format\": \"planesearch-model\",\n  \"version\": ");
        Cli.fails(2, false, List.of(corrupt + ":2:", "not a JSON model file"), "evaluate", "--model", corrupt.toString(),
                "--data", "heart_scale");
        Path notModel = file("other.json", "[1, 2, 3]");
        Cli.fails(2, false, List.of(notModel.toString(), "not a Planesearch model file"), "evaluate", "--model",
                notModel.toString(), "--data", "heart_scale");
    }

    @Test
    void modelFileOfAnotherVersionOrWithBadFields() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--quiet");
        String good = Files.readString(run.resolve("model.json"));
        Path v4 = edited("v4.json", good, "\"version\" : 3", "\"version\" : 4");
        Cli.fails(2, false, List.of(v4.toString(), "version 4", "versions 1 to 3"), "evaluate", "--model",
                v4.toString(), "--data", "heart_scale");
        // files written before checksums (versions 1 and 2) are still read
        Path v2linear = file("v2linear.json", olderVersion(good, "2"));
        Cli.ok("evaluate", "--model", v2linear.toString(), "--data", "heart_scale");
        Path v1 = file("v1.json", olderVersion(good, "1").replace("\"kind\" : \"linear\",", ""));
        Cli.ok("evaluate", "--model", v1.toString(), "--data", "heart_scale");
        // version 1 has no kind
        Path v1kind = file("v1kind.json", olderVersion(good, "1"));
        Cli.fails(2, false, List.of(v1kind.toString(), "\"kind\""), "evaluate", "--model", v1kind.toString(), "--data",
                "heart_scale");
        Path short1 = edited("short.json", good, "\"features\" : 13", "\"features\" : 12");
        Cli.fails(2, false, List.of(short1.toString(), "\"parameters\" has 14 values, expected 13"), "predict",
                "--model", short1.toString(), "--data", "heart_scale");
        Path loss = edited("loss.json", good, "\"model\" : \"logistic\"", "\"model\" : \"probit\"");
        Cli.fails(2, false, List.of(loss.toString(), "'probit'", "smoothed-hinge"), "evaluate", "--model",
                loss.toString(), "--data", "heart_scale");
    }

    @Test
    void networkModelFileWithBadFields() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--model", "mlp", "--hidden", "2", "--max-iter", "3", "--out", run.toString(), "--quiet");
        String good = Files.readString(run.resolve("model.json"));
        Path activation = edited("activation.json", good, "\"activation\" : \"tanh\"", "\"activation\" : \"swish\"");
        Cli.fails(2, false, List.of(activation.toString(), "\"activation\"", "'swish'"), "evaluate", "--model",
                activation.toString(), "--data", "heart_scale");
        Path widths = edited("widths.json", good, "\"widths\" : [ 13, 2, 1 ]", "\"widths\" : [ 13, -2, 1 ]");
        Cli.fails(2, false, List.of(widths.toString(), "\"widths\"[1] is '-2'"), "predict", "--model", widths.toString(),
                "--data", "heart_scale");
        Path count = edited("count.json", good, "\"widths\" : [ 13, 2, 1 ]", "\"widths\" : [ 13, 3, 1 ]");
        Cli.fails(2, false, List.of(count.toString(), "\"parameters\" has 31 values, expected 46"), "predict", "--model",
                count.toString(), "--data", "heart_scale");
        Path narrow = file("narrow.libsvm", "1 1:0.5 20:1\n");
        Cli.fails(2, false, List.of(narrow + ":1", "20", "13"), "evaluate", "--model", run.resolve("model.json").toString(),
                "--data", narrow.toString());
    }

    @Test
    void damagedModelFileIsRefusedByItsChecksum() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--quiet");
        String good = Files.readString(run.resolve("model.json"));
        // one digit of λ changed by hand, the checksum left as it was
        String lambda = "\"lambda\" : 1.0E-4";
        assertTrue(good.contains(lambda), good);
        Path edited = file("edited.json", good.replace(lambda, "\"lambda\" : 2.0E-4"));
        Cli.fails(2, false, List.of(edited.toString(), "checksum mismatch", "damaged or was edited"), "evaluate",
                "--model", edited.toString(), "--data", "heart_scale");
        for (String command : List.of("evaluate", "predict", "spectrum")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "--model", edited.toString(), "--data",
                    "heart_scale"));
            if (command.equals("spectrum")) {
                args.addAll(List.of("--out", tmp.resolve("spectrum").toString()));
            }
            Cli.fails(2, false, List.of("checksum mismatch"), args.toArray(new String[0]));
        }
        // cut short: not JSON any more
        Path cut = file("cut.json", good.substring(0, good.length() / 2));
        Cli.fails(2, false, List.of(cut.toString(), "not a JSON model file"), "evaluate", "--model", cut.toString(),
                "--data", "heart_scale");
        // a version-3 file without its checksum
        Path unsealed = file("unsealed.json", olderVersion(good, "3"));
        Cli.fails(2, false, List.of(unsealed.toString(), "missing \"checksum\""), "evaluate", "--model",
                unsealed.toString(), "--data", "heart_scale");
        // reformatted (whitespace, key order) is still the same content
        Path compact = tmp.resolve("compact.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(good);
        com.fasterxml.jackson.databind.node.ObjectNode reordered = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        List<String> keys = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.reverse(keys);
        for (String k : keys) {
            reordered.set(k, tree.get(k));
        }
        Files.writeString(compact, reordered.toString());
        Cli.ok("evaluate", "--model", compact.toString(), "--data", "heart_scale");
    }

    @Test
    void evaluateDataWithMoreFeaturesThanTheModel() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--quiet");
        Path wide = file("wide.libsvm", "1 1:0.5 2:1\n-1 1:0.2 20:1\n");
        Cli.fails(2, false, List.of(wide + ":2:3", "20", "13"), "evaluate", "--model",
                run.resolve("model.json").toString(), "--data", wide.toString());
        Path wideCsv = file("wide.csv", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,1\n");
        Cli.fails(2, false, List.of(wideCsv.toString(), "14", "13"), "evaluate", "--model",
                run.resolve("model.json").toString(), "--data", wideCsv.toString());
    }

    @Test
    void evaluateWithAnUnseenLabel() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--quiet");
        Path unseen = file("unseen.libsvm", "1 1:0.5 2:1\n-1 1:0.2\n2 3:1\n");
        Cli.fails(2, false, List.of(unseen + ":3", "'2'", "not seen in training"), "evaluate", "--model",
                run.resolve("model.json").toString(), "--data", unseen.toString());
    }

    @Test
    void outToAnExistingNonEmptyFolder() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        Cli.fails(2, false, List.of("--out", out.toString(), "not empty"), "train", "--out", out.toString());
        Cli.assertOnly(out, "keep.txt");
        Cli.assertOnly(tmp, "out");
    }

    @Test
    void flagsThatDoNotApplyToTheData() throws IOException {
        train(false, List.of("--delimiter", "heart_scale"), "--delimiter", ";");
        Path libsvm = file("a.libsvm", "1 1:1\n-1 1:-1\n");
        train(false, List.of("--label-column", "libsvm"), "--data", libsvm.toString(), "--label-column", "y");
        Path unknown = file("data.dat", "1 1:1\n-1 1:-1\n");
        train(false, List.of(unknown.toString(), "--format"), "--data", unknown.toString());
    }

    @Test
    void noStackTraceForAnInternalStateThatIsTheUsersFault() throws IOException {
        // --seed without a split, --overwrite without --out: flags that would be silently ignored
        train(false, List.of("--seed"), "--seed", "4");
        Cli.fails(2, false, List.of("--overwrite"), "train", "--overwrite");
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.ok("train", "--quiet").out().length());
    }
}
