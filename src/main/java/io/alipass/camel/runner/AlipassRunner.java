package io.alipass.camel.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The standalone runner: camel-main with the YAML routes of {@code routes/}, configured by
 * {@code alipass-runner.properties} (the defaults), {@code ./application.properties}, environment
 * variables and {@code --key=value} arguments. With no configuration it watches {@code data/inbox}
 * with an embedded Artemis broker, the HTTP source and the built-in sandbox gateway.
 *
 * <p>{@code --once} (or {@code alipass.once=true}) processes what is in the drop folder, prints
 * {@code done N, failed N, dead-lettered N, unreadable files N, skipped N} and exits with 1 if anything failed
 * (a skipped entry counts as a failure unless it is hidden).
 * Exit code 2 means the configuration could not work; the message names the property.
 *
 * <p>{@code --replay PATH} sends the input of each outcome document in PATH through the routes again
 * (see {@link ReplayRun}), optionally only those with a {@code --replay-sub-code} (repeatable) and
 * those older than {@code --replay-older-than}; it ends and exits as {@code --once} does.
 */
public final class AlipassRunner {
    /** Exit code when anything failed in once mode. */
    public static final int EXIT_FAILURES = 1;
    /** Exit code when the runner could not start (configuration or start-up error). */
    public static final int EXIT_CANNOT_START = 2;

    private static final String LOG_CONFIG = "classpath:alipass-runner-log4j2.properties";
    private static final String USAGE = "java -jar alipass-camel-runner.jar [--once] "
            + "[--replay PATH [--replay-sub-code CODE ...] [--replay-older-than INSTANT|DURATION]] [--key=value ...]";
    private static final String DEFAULT_PROPERTIES = "file:application.properties;optional=true,classpath:alipass-runner.properties";

    private final String[] args;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Main main;
    private volatile RunnerAssembly assembly;
    private volatile Throwable startFailure;
    private volatile ReplayRun.Request replay;

    /** @param args {@code --once}, {@code --replay PATH} and its filters, and {@code --key=value} for any property (they win over all other sources) */
    public AlipassRunner(String... args) {
        this.args = args.clone();
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        // The exit code is the only way a batch job learns the outcome; run() itself never exits the JVM.
        System.exit(new AlipassRunner(args).run());
    }

    /**
     * Runs until stopped (Ctrl-C or {@link #stop()}), or in once mode until the drop folder is
     * processed.
     *
     * @return 0, {@link #EXIT_FAILURES} or {@link #EXIT_CANNOT_START}
     */
    public int run() {
        Main m = new Main();
        boolean onceFlag = false;
        ReplayArguments replayArgs = new ReplayArguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                onceFlag = true;
            } else if (replayArgs.accepts(arg)) {
                String value = arg.indexOf('=') > 0 ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isBlank()) {
                    System.err.println("alipass: " + arg + " needs a value. Usage: " + USAGE);
                    finished.countDown();
                    return EXIT_CANNOT_START;
                }
                replayArgs.add(arg, value);
            } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                m.addOverrideProperty(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                System.err.println("alipass: unknown argument '" + arg + "'. Usage: " + USAGE);
                finished.countDown();
                return EXIT_CANNOT_START;
            }
        }
        m.setPropertyPlaceholderLocations(DEFAULT_PROPERTIES);
        // A routes folder beside the user wins over the copy in the jar, so routes can be edited without a rebuild.
        // In the jar the files are named, not matched: a classpath wildcard makes Camel inflate every entry of the
        // shaded jar (36,000 entries, 120 MB) to find them, about 2 s of CPU at every start (issue 17). Sources that
        // are off are still left out by RunnerAssembly's exclude pattern.
        m.configure().withRoutesIncludePattern(Files.isDirectory(Path.of("routes"))
                ? "file:routes/*.camel.yaml" : String.join(",", "classpath:routes/" + RunnerAssembly.FILE_ROUTES,
                        "classpath:routes/" + RunnerAssembly.JMS_ROUTES, "classpath:routes/" + RunnerAssembly.HTTP_ROUTES));
        try {
            replay = replayArgs.request();
        } catch (RunnerConfigurationException e) {
            System.err.println("alipass: cannot start: " + e.getMessage());
            finished.countDown();
            return EXIT_CANNOT_START;
        }
        RunnerAssembly a = new RunnerAssembly(onceFlag || replay != null);
        if (replay != null) {
            a.replayMode();
        }
        m.addMainListener(new Lifecycle(a));
        main = m;
        assembly = a;
        try {
            m.run();
        } catch (Exception e) {
            startFailure = startFailure == null ? e : startFailure;
        } finally {
            finished.countDown();
            started.countDown();
        }
        if (startFailure != null || a.tally() == null) {
            System.err.println("alipass: cannot start: " + describe(startFailure));
            return EXIT_CANNOT_START;
        }
        if (onceFlag || replay != null || a.settings().once()) {
            if (a.survey() != null) {
                a.survey().survey(); // the consumer may not have polled yet: what was left unread is counted all the same
            }
            System.out.println("alipass: " + a.tally().summary());
            return a.tally().anyFailure() ? EXIT_FAILURES : 0;
        }
        return m.getExitCode();
    }

    /** Asks a running runner to stop; {@link #run()} returns once it has. */
    public void stop() {
        Main m = main;
        if (m != null) {
            m.completed();
        }
    }

    /** Waits until the runner has started (or failed to); true if it is running. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && startFailure == null && finished.getCount() == 1;
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The settings in force, once started. */
    public RunnerSettings settings() {
        return assembly.settings();
    }

    /** The counts so far, once started. */
    public RunTally tally() {
        return assembly.tally();
    }

    /** The registry of the run's counters and gauges. */
    io.micrometer.core.instrument.MeterRegistry meters() {
        return assembly.meters();
    }

    /** The URL of the HTTP source, or null when it is off. */
    public String httpUrl() {
        return assembly.httpUrl(main);
    }

    /** The base URL of health and metrics, or null when off. */
    public String managementUrl() {
        return assembly.managementUrl(main);
    }

    /** The bearer token the HTTP source expects (configured or generated). */
    public String httpToken() {
        return assembly.httpToken();
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "see the log above";
        }
        // The configuration error is usually wrapped by camel-main; say the innermost useful message.
        Throwable cause = t;
        while (cause.getCause() != null && !(cause instanceof RunnerConfigurationException)) {
            cause = cause.getCause();
        }
        return cause instanceof RunnerConfigurationException ? cause.getMessage() : String.valueOf(t.getMessage());
    }

    /** Hooks the assembly into camel-main and, in once mode, stops when the drop folder is done. */
    private final class Lifecycle extends MainListenerSupport {
        private final RunnerAssembly assembly;

        Lifecycle(RunnerAssembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public void beforeConfigure(BaseMainSupport m) {
            try {
                assembly.beforeConfigure(m);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }

        @Override
        public void afterConfigure(BaseMainSupport m) {
            try {
                assembly.afterConfigure(m);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }

        @Override
        public void afterStart(BaseMainSupport m) {
            assembly.afterStart(m);
            started.countDown();
            if (replay != null) {
                Thread replayer = new Thread(() -> runReplay(m), "alipass-replay-run");
                replayer.setDaemon(true);
                replayer.start();
            } else if (assembly.settings().once() || assembly.onceMode()) {
                Thread watcher = new Thread(() -> stopWhenDrained(m), "alipass-once");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    /** Replay mode: replays the documents, then stops; a replay that cannot run is a start failure (exit 2). */
    private void runReplay(BaseMainSupport m) {
        try {
            new ReplayRun(replay, assembly.settings(), assembly.tally()).run(m.getCamelContext(), IdempotencyStore.BEAN);
        } catch (Exception e) {
            startFailure = e;
        } catch (Error e) {
            startFailure = e;
            throw e;
        }
        stop();
    }

    /** Once mode: the drop folder holds no file and nothing is in flight, twice in a row. */
    private void stopWhenDrained(BaseMainSupport m) {
        Path inbox = assembly.settings().file().inbox().toAbsolutePath();
        int quiet = 0;
        try {
            while (quiet < 2) {
                Thread.sleep(250);
                boolean idle = m.getCamelContext().getInflightRepository().size() == 0 && !hasWaitingFile(inbox);
                quiet = idle ? quiet + 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private static boolean hasWaitingFile(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().endsWith(".camelLock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the drop folder " + inbox, e);
        }
    }
}
