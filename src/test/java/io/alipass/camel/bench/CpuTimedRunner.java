package io.alipass.camel.bench;

import io.alipass.camel.runner.AlipassRunner;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The runner as {@code java -jar alipass-camel-runner.jar} runs it, which then prints the CPU time of
 * its whole process ({@code OperatingSystemMXBean.getProcessCpuTime()}: every thread, the JIT
 * compilers and the garbage collector included) just before it exits: figure 7a reads it, since the
 * process's {@code /proc/<pid>/stat} is gone once it has exited.
 */
public final class CpuTimedRunner {
    /** The line that carries the CPU time, followed by nanoseconds and the exit code. */
    static final String CPU_LINE = "alipass-bench process-cpu-ns ";

    private CpuTimedRunner() {
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:alipass-runner-log4j2.properties");
        }
        int exit = new AlipassRunner(args).run();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%s%d exit %d%n", CPU_LINE, cpu, exit);
        if (Boolean.getBoolean("alipass.bench.threads")) {
            printUserAndSystemCpu();
            printThreadCpu();
        }
        System.out.flush();
        System.exit(exit);
    }

    /** The process's CPU split into user and kernel time (system calls: files, sockets), from /proc/self/stat. */
    private static void printUserAndSystemCpu() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            System.out.printf(Locale.ROOT, "alipass-bench user-ms %d system-ms %d%n", Long.parseLong(f[11]) * 10, Long.parseLong(f[12]) * 10);
        } catch (java.io.IOException e) {
            // only a breakdown: the process CPU line above is the figure
        }
    }

    /** The CPU of each kind of thread (JIT compilers, GC, Camel workers...), from /proc: where a run's CPU went. */
    private static void printThreadCpu() {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat = java.nio.file.Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byKind.merge(name, ticks, Long::sum);
            }
        } catch (java.io.IOException e) {
            return;
        }
        byKind.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf(Locale.ROOT, "alipass-bench thread-cpu %-20s %6d ms%n", e.getKey(), e.getValue() * 10));
    }
}
