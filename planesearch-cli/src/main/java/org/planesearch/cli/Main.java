package org.planesearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code planesearch} program: {@code train}, {@code evaluate}, {@code predict}, {@code data},
 * {@code spectrum}, {@code report}.
 *
 * <p>Exit codes: 0 success; 1 a run that ended without a usable result (for example a
 * non-finite objective); 2 a usage or input error (bad flag, bad value, bad file), printed as one
 * line on standard error; 3 an internal error (a bug: printed with its stack trace).
 */
@Command(name = "planesearch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train models with no learning rate to tune: line, plane and subspace optimization of the step.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DataCommand.class,
                SpectrumCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the program with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("planesearch: " + oneLine(ex.getMessage()));
            CommandLine c = ex.getCommandLine();
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                suggestion = "did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                        Math.min(3, u.getSuggestions().size()))) + "? ";
            }
            err.println("(" + suggestion + "see '" + c.getCommandSpec().qualifiedName(" ") + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            if (t instanceof UncheckedIOException u) {
                t = u.getCause();
            }
            if (t instanceof UserError u) {
                err.println("planesearch: " + u.getMessage());
                err.flush();
                return u.exitCode();
            }
            if (t instanceof IOException io) {
                err.println("planesearch: " + UserError.oneLine(describe(io)));
                err.flush();
                return 2;
            }
            if (t instanceof OutOfMemoryError) {
                err.println("planesearch: out of memory; give Java more with PLANESEARCH_JAVA_OPTS=-Xmx... or use --float32");
                return 1;
            }
            err.println("planesearch: internal error (please report): " + t);
            t.printStackTrace(err);
            return 3;
        });
        return cl.execute(args);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** One line: picocli joins some messages with line breaks. */
    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The program's version, from the jar's manifest, or "development build". */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"planesearch " + version()};
        }
    }
}
