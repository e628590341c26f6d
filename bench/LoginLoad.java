import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in benchmark's client (JDK only, run as a source file; bench/login.sh starts the server):
 *
 * <pre>java bench/LoginLoad.java BASE_URL ADMIN_USERNAME ADMIN_PASSWORD [SECONDS] [CONCURRENCIES] [WARMUP_SECONDS]</pre>
 *
 * Set-up, through the public API like any client: the bootstrap administrator signs in, enrols a TOTP
 * authenticator (codes computed here, RFC 6238), and creates one nurse per client thread of the largest
 * concurrency (nurses need no second factor, so a login answers with tokens). Then, for each concurrency
 * (comma-separated, default 16,64), that many threads each send {@code POST /api/v1/auth/login} as their own
 * nurse, one after the other, for WARMUP_SECONDS (not counted) and SECONDS. Prints one line per concurrency:
 * logins per second, latency median / p99 / max in milliseconds, and how many answers were not 200.
 */
public class LoginLoad {

    private static final String PASSWORD = "bench password for nurses 2026";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: java LoginLoad.java BASE_URL ADMIN_USERNAME ADMIN_PASSWORD [SECONDS] [CONCURRENCIES] [WARMUP]");
            System.exit(2);
        }
        String base = args[0];
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int[] concurrencies = Arrays.stream((args.length > 4 ? args[4] : "16,64").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        String admin = adminToken(client, base, args[1], args[2]);
        String branch = field(get(client, base + "/api/v1/branches", admin), "id");
        int users = Arrays.stream(concurrencies).max().orElse(1);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = "bench-" + run + "-" + i;
            post(client, base + "/api/v1/users", admin, """
                    {"username":"%s","fullName":"Bench Nurse %d","password":"%s","roles":[{"branchId":"%s","role":"NURSE"}]}
                    """.formatted(username, i, PASSWORD, branch), 201);
            usernames.add(username);
        }
        System.out.printf("set-up: %d nurses created%n", users);
        for (int concurrency : concurrencies) {
            measure(client, base, usernames, concurrency, seconds, warmup);
        }
    }

    private static void measure(
            HttpClient client, String base, List<String> usernames, int concurrency, int seconds, int warmup)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[concurrency];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            long[] latencies = new long[200_000];
            samples.add(latencies);
            int index = t;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + usernames.get(t) + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .build();
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end) {
                        break;
                    }
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("accessToken")) {
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
        System.out.printf(
                "concurrency %d: logins/s %.1f p50_ms %.0f p99_ms %.0f max_ms %.0f logins %d not_ok %d%n",
                concurrency,
                total / (double) seconds,
                millis(all, 0.50),
                millis(all, 0.99),
                total == 0 ? 0 : all[total - 1] / 1e6,
                total,
                errors.get());
    }

    /** Signs the administrator in, enrolling a TOTP authenticator on the way (the bootstrap admin must). */
    private static String adminToken(HttpClient client, String base, String username, String password)
            throws Exception {
        String login = post(client, base + "/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 200);
        String mfaToken = field(login, "mfaToken");
        String enrollment = post(client, base + "/api/v1/auth/mfa/enroll", null,
                "{\"mfaToken\":\"" + mfaToken + "\"}", 200);
        String code = totp(field(enrollment, "secret"), System.currentTimeMillis() / 30_000);
        String tokens = post(client, base + "/api/v1/auth/mfa/enroll/confirm", null,
                "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}", 200);
        return field(tokens, "accessToken");
    }

    private static String post(HttpClient client, String url, String bearer, String json, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(HttpClient client, String url, String bearer) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return matcher.group(1);
    }

    /** RFC 6238 TOTP: HMAC-SHA-1, 30 s steps, 6 digits, as authenticator apps compute it. */
    static String totp(String base32Secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").replace(" ", "").toUpperCase();
        byte[] out = new byte[clean.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
