package org.shifo.platform.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a benchmark phase's CPU went, on Linux: this JVM (server and in-process clients alike), every process
 * named {@code postgres} (the embedded server's backends), and the machine's idle time. Read from
 * {@code /proc} before and after a phase; elsewhere every figure is zero.
 */
public final class CpuMeter {

    /** Clock ticks per second of /proc's counters (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {}

    /** CPU seconds spent so far. */
    public record Reading(double jvm, double postgres, double idle, double total) {

        /** What was spent between {@code before} and this reading, per operation, in microseconds. */
        public String perOperation(Reading before, long operations) {
            double ops = Math.max(1, operations);
            double spent = total - before.total;
            return String.format(
                    Locale.ROOT,
                    "CPU per read: JVM %5.0f us, PostgreSQL %5.0f us; machine idle %4.1f %%",
                    (jvm - before.jvm) * 1e6 / ops,
                    (postgres - before.postgres) * 1e6 / ops,
                    spent <= 0 ? 0 : 100.0 * (idle - before.idle) / spent);
        }
    }

    public static Reading read() {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9
                : 0;
        double postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            postgres = processes
                            .filter(path ->
                                    path.getFileName().toString().chars().allMatch(Character::isDigit))
                            .mapToDouble(CpuMeter::postgresTicks)
                            .sum()
                    / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            // not Linux: no figures
        }
        double idle = 0;
        double total = 0;
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                total += Double.parseDouble(cpu[i]);
            }
            idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return new Reading(jvm, postgres, idle / TICKS_PER_SECOND, total / TICKS_PER_SECOND);
    }

    private static double postgresTicks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < 0 || !stat.substring(open + 1, close).startsWith("postgres")) {
                return 0;
            }
            // fields after the command: state is field 3; utime and stime are fields 14 and 15
            String[] fields = stat.substring(close + 2).split(" ");
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }
}
