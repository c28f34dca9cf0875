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
            System.setProperty("log4j2.configurationFile", "classpath:alipass-runner-log4j2.xml");
        }
        int exit = new AlipassRunner(args).run();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%s%d exit %d%n", CPU_LINE, cpu, exit);
        System.out.flush();
        System.exit(exit);
    }
}
