package org.shifo.terminology;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The terminology benchmark (bench/terminology.sh, see bench/README.md): generates an ICD-10-CM order file of
 * 100,000 codes, imports it through the API (upload to SUCCEEDED; target under 15 s), then times diagnosis
 * searches, a mix of code prefixes and words, over HTTP and in process (p99 target under 20 ms).
 *
 * <p>Usage: {@code bench/terminology.sh [codes=100000] [searches=2000]}; raw timings in target/bench/terminology/.
 */
public final class TerminologyBenchmark {

    private static final String[] WORDS = {
        "acute",
        "chronic",
        "infection",
        "fracture",
        "dermatitis",
        "eczema",
        "lesion",
        "disorder",
        "syndrome",
        "unspecified",
        "other",
        "specified",
        "left",
        "right",
        "bilateral",
        "upper",
        "lower",
        "limb",
        "forearm",
        "radius",
        "ulna",
        "femur",
        "tibia",
        "skin",
        "subcutaneous",
        "tissue",
        "bacterial",
        "viral",
        "fungal",
        "allergic",
        "contact",
        "atopic",
        "seborrhoeic",
        "psoriasis",
        "ulcer",
        "pressure",
        "initial",
        "subsequent",
        "encounter",
        "sequela",
        "closed",
        "open",
        "displaced",
        "nondisplaced",
        "poisoning",
        "accidental",
        "intentional",
        "underdosing",
        "adverse",
        "effect",
        "neoplasm",
        "malignant",
        "benign",
        "carcinoma",
        "melanoma",
        "nevus",
        "keratosis",
        "urticaria",
        "erythema",
        "pruritus",
        "alopecia",
        "acne",
        "rosacea",
        "cellulitis",
        "abscess",
        "impetigo",
        "scabies",
        "pediculosis",
        "candidiasis",
        "tinea",
        "herpes",
        "zoster",
        "varicella",
        "measles",
        "rubella",
        "cholera",
        "typhoid",
        "salmonella",
        "shigellosis",
        "gastroenteritis",
        "colitis",
        "hypertension",
        "diabetes",
        "mellitus",
        "complication",
        "kidney",
        "heart",
        "failure",
        "asthma",
        "bronchitis",
        "pneumonia",
        "pharyngitis",
        "sinusitis",
        "laryngitis",
        "tonsillitis",
        "otitis",
        "media",
        "conjunctivitis",
        "keratitis",
        "burn",
        "degree",
        "corrosion",
        "frostbite",
        "wound",
        "laceration",
        "abrasion",
        "contusion",
        "sprain",
        "strain",
        "dislocation",
        "joint",
        "shoulder",
        "elbow",
        "wrist",
        "hand",
        "finger",
        "thumb",
        "hip",
        "knee",
        "ankle",
        "foot",
        "toe"
    };

    private final ConfigurableApplicationContext app;
    private final int port;
    private final Path out;
    private final HttpClient http = BenchmarkSupport.httpClient();
    private final JsonMapper json;

    private TerminologyBenchmark(ConfigurableApplicationContext app, int port, Path out) {
        this.app = app;
        this.port = port;
        this.out = out;
        this.json = app.getBean(JsonMapper.class);
    }

    public static void main(String[] args) throws Exception {
        int codes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int searches = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path out = Path.of("target/bench/terminology");
        Files.createDirectories(out);
        Path file = out.resolve("icd10cm_order_generated.txt");
        long size = generate(file, codes);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-terminology-bench")) {
            new TerminologyBenchmark(running.context(), running.port(), out).run(file, size, codes, searches);
        }
    }

    private void run(Path file, long size, int codes, int searches) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Terminology benchmark: %,d codes (%.1f MB), %,d searches, %d cores, load average %s%n",
                codes,
                size / 1e6,
                searches,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        IdentityFixtures fixtures = app.getBean(IdentityFixtures.class);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        String admin = fixtures.bearer(fixtures.admin(clinic));

        long start = System.nanoTime();
        String id = upload(admin, file);
        JsonNode job = awaitFinished(admin, id);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  import (upload to SUCCEEDED): %.1f s, status %s, %d added (target < 15 s), load average %s%n",
                seconds,
                job.get("status").asString(),
                job.get("added").asInt(),
                BenchmarkSupport.load());
        if (!job.get("status").asString().equals("SUCCEEDED")) {
            System.out.println("  the import failed: " + job.get("errorMessage"));
        }
        start = System.nanoTime();
        job = awaitFinished(admin, upload(admin, file));
        System.out.printf(
                Locale.ROOT,
                "  re-import of the same file: %.1f s, %d added, %d updated, %d retired%n",
                (System.nanoTime() - start) / 1e9,
                job.get("added").asInt(),
                job.get("updated").asInt(),
                job.get("retired").asInt());

        Random random = new Random(42);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            queries.add(query(random));
        }
        Terminology terminology = app.getBean(Terminology.class);
        for (String query : queries.subList(0, Math.min(200, queries.size()))) {
            search(admin, query);
            TenantContext.callAs(clinic.tenantId(), () -> terminology.search("ICD10_CM", query, "en", 20));
        }
        double[] overHttp = new double[queries.size()];
        double[] inProcess = new double[queries.size()];
        long results = 0;
        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i);
            long t0 = System.nanoTime();
            results += search(admin, query);
            overHttp[i] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            TenantContext.callAs(clinic.tenantId(), () -> terminology.search("ICD10_CM", query, "en", 20));
            inProcess[i] = (System.nanoTime() - t1) / 1e6;
        }
        BenchmarkSupport.writeTimes(out.resolve("search-http-ms.txt"), overHttp);
        BenchmarkSupport.writeTimes(out.resolve("search-in-process-ms.txt"), inProcess);
        System.out.printf(
                Locale.ROOT,
                "  search over HTTP: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 < 20 ms), %.1f results each%n",
                BenchmarkSupport.percentile(overHttp, 50),
                BenchmarkSupport.percentile(overHttp, 99),
                BenchmarkSupport.percentile(overHttp, 100),
                results / (double) queries.size());
        System.out.printf(
                Locale.ROOT,
                "  search in process: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                BenchmarkSupport.percentile(inProcess, 50),
                BenchmarkSupport.percentile(inProcess, 99),
                BenchmarkSupport.percentile(inProcess, 100));
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
    }

    /** Half code prefixes (one to five characters), half one or two words or word beginnings. */
    private static String query(Random random) {
        if (random.nextBoolean()) {
            String code = (char) ('A' + random.nextInt(26))
                    + String.format(Locale.ROOT, "%02d", random.nextInt(100))
                    + random.nextInt(10)
                    + random.nextInt(10);
            return code.substring(0, 1 + random.nextInt(5));
        }
        String first = WORDS[random.nextInt(WORDS.length)];
        if (random.nextInt(3) == 0) {
            first = first.substring(0, Math.min(first.length(), 3 + random.nextInt(3)));
        }
        return random.nextBoolean() ? first : first + " " + WORDS[random.nextInt(WORDS.length)];
    }

    private int search(String token, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/terminology/search?system=ICD10_CM&limit=20&q="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .header("Authorization", token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).size();
    }

    private String upload(String token, Path file) throws IOException, InterruptedException {
        String boundary = "----shifo" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nICD10CM_ORDER\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/terminology/imports"))
                        .header("Authorization", token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).get("id").asString();
    }

    private JsonNode awaitFinished(String token, String id) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/terminology/imports/" + id))
                            .header("Authorization", token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode job = json.readTree(response.body());
            String status = job.get("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Writes an order file of {@code codes} codes shaped like ICD-10-CM: per three-character category a header,
     * ten four-character codes, four of them headers over nine five-character leaves; titles from medical words.
     */
    static long generate(Path file, int codes) throws IOException {
        Random random = new Random(7);
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            outer:
            for (int letter = 0; letter < 26; letter++) {
                for (int number = 0; number < 100; number++) {
                    if (written >= codes) {
                        break outer;
                    }
                    String category = (char) ('A' + letter) + String.format(Locale.ROOT, "%02d", number);
                    written = line(out, written, category, false, random);
                    for (int d = 0; d < 10 && written < codes; d++) {
                        boolean header = d < 4;
                        written = line(out, written, category + d, !header, random);
                        for (int e = 0; header && e < 9 && written < codes; e++) {
                            written = line(out, written, category + d + e, true, random);
                        }
                    }
                }
            }
            if (written < codes) {
                throw new IllegalStateException("only " + written + " codes fit the generator's pattern");
            }
        }
        return Files.size(file);
    }

    private static int line(BufferedWriter out, int written, String code, boolean leaf, Random random)
            throws IOException {
        StringBuilder title = new StringBuilder();
        int words = 3 + random.nextInt(8);
        for (int i = 0; i < words; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            title.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            title.append(i == words - 1 ? "" : (random.nextInt(5) == 0 ? ", " : " "));
        }
        String text = title.toString();
        String shortText = text.length() > 60 ? text.substring(0, 60) : text;
        // five columns hold the order number (the real file has under 100,000 lines): it wraps at 99999
        out.write(String.format(
                Locale.ROOT,
                "%05d %-7s %s %-60s %s",
                (written + 1) % 100_000,
                code,
                leaf ? "1" : "0",
                shortText,
                text));
        out.newLine();
        return written + 1;
    }
}
