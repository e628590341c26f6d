package org.shifo.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.shifo.ShifoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmark programs under {@code bench/} share: the application on a fresh database, HTTP, percentiles,
 * the load average, raw timings.
 */
public final class BenchmarkSupport {

    private BenchmarkSupport() {}

    /** The whole application, as development starts it, on a fresh embedded PostgreSQL; closing deletes it. */
    public record Running(ConfigurableApplicationContext context, Path dataDir, int port) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            context.close();
            deleteRecursively(dataDir);
        }
    }

    /**
     * Starts the application with its data directory (and so its PostgreSQL cluster) in a new temporary
     * directory named after the benchmark, on a random port, logging warnings only.
     */
    public static Running start(String name, String... arguments) throws IOException {
        Path dataDir = Files.createTempDirectory(name);
        java.util.List<String> all = new java.util.ArrayList<>(
                java.util.List.of("--shifo.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN"));
        all.addAll(java.util.List.of(arguments));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(ShifoApplication.class).run(all.toArray(String[]::new));
        return new Running(
                context, dataDir, context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    /** An HTTP/1.1 client, as a browser or a clinic's integration talks to the server. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The nearest-rank percentile {@code p} (0–100) of the values; 0 when there are none. */
    public static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** The machine's 1-minute load average, as printed next to every figure. */
    /** One task of {@link #runAll}; {@code index} counts from 0. */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code tasks} tasks on {@code threads} threads (a benchmark's clients, or copies of one request) and
     * returns once all have finished; rethrows the first failure.
     */
    public static void runAll(int threads, int tasks, Task task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    public static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Writes timings in milliseconds, one a line. */
    public static void writeTimes(Path file, double[] times) throws IOException {
        StringBuilder text = new StringBuilder();
        for (double t : times) {
            text.append(String.format(Locale.ROOT, "%.3f%n", t));
        }
        Files.writeString(file, text);
    }

    /** Sends a request, its body read as text; failures to connect or read are unchecked. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
