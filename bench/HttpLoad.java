import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP load generator for the benchmarks (JDK only, run as a source file):
 *
 * <pre>java bench/HttpLoad.java URL [SECONDS] [CONCURRENCY] [WARMUP_SECONDS]</pre>
 *
 * CONCURRENCY threads each send one GET after the other for WARMUP_SECONDS (not counted), then for
 * SECONDS. Prints one line: requests per second, latency median / p99 / max in milliseconds, errors.
 */
public class HttpLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java HttpLoad.java URL [SECONDS] [CONCURRENCY] [WARMUP_SECONDS]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();

        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[concurrency];
        for (int t = 0; t < concurrency; t++) {
            long[] latencies = new long[1_000_000];
            samples.add(latencies);
            int index = t;
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end) {
                        break;
                    }
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long after = System.nanoTime();
                    if (before >= measureFrom && after <= end && n < latencies.length) {
                        latencies[n++] = after - before;
                    }
                }
                counts[index] = n;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(samples.get(t), 0, all, offset, counts[t]);
            offset += counts[t];
        }
        Arrays.sort(all);
        double rps = total / (double) seconds;
        System.out.printf(
                "rps %.0f p50_ms %.2f p99_ms %.2f max_ms %.1f requests %d errors %d%n",
                rps, millis(all, 0.50), millis(all, 0.99), total == 0 ? 0 : all[total - 1] / 1e6, total, errors.get());
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
