package org.shifo.identity.signin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints what Shifo's Argon2id parameters cost on this machine: the time of one check (what a sign-in pays),
 * and checks per second with one and with all cores busy. Run with bench/argon2.sh; not part of the tests.
 */
public final class PasswordHashingBenchmark {

    private static final String PASSWORD = "correct horse battery staple 42";

    private PasswordHashingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        PasswordHashing hashing = new PasswordHashing();
        String hash = hashing.hash(PASSWORD);
        for (int i = 0; i < 5; i++) {
            hashing.matches(PASSWORD, hash); // warm-up
        }
        long[] millis = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            hashing.matches(PASSWORD, hash);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(
                "Argon2id m=%d KiB t=%d p=%d: one check p50 %d ms, p99 %d ms, max %d ms (%d rounds)%n",
                PasswordHashing.MEMORY_KIB,
                PasswordHashing.ITERATIONS,
                PasswordHashing.PARALLELISM,
                millis[rounds / 2],
                millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)],
                millis[rounds - 1],
                rounds);
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : new int[] {1, cores}) {
            System.out.printf("  %d thread(s): %.1f checks/s%n", threads, throughput(hashing, hash, threads, rounds));
        }
    }

    private static double throughput(PasswordHashing hashing, String hash, int threads, int perThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        hashing.matches(PASSWORD, hash);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return threads * perThread / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
