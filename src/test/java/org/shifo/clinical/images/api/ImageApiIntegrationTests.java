package org.shifo.clinical.images.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.clinical.images.EncounterFixtures;
import org.shifo.clinical.images.TestImages;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.FileStoreSettings;
import org.shifo.platform.PlatformSettings;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ImageApiIntegrationTests {

    static final String TYPES = "https://shifo.uz/problems/";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures identity;

    @Autowired
    JsonMapper json;

    @Autowired
    PlatformSettings platform;

    @Autowired
    FileStoreSettings fileSettings;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    ApiCalls api;
    EncounterFixtures fixtures;
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String doctorToken;
    String nurse;
    UUID patient;
    UUID encounter;

    @BeforeEach
    void setUp() {
        TestDatabase.get().resetRateLimits();
        api = new ApiCalls(mvc, json);
        Path files = fileSettings.directoryUnder(platform.dataDir());
        fixtures = new EncounterFixtures(identity, api, files);
        clinic = identity.clinic();
        doctor = identity.staff(clinic, Role.DOCTOR);
        doctorToken = identity.bearer(doctor);
        nurse = identity.bearer(identity.staff(clinic, Role.NURSE));
        patient = fixtures.patient(clinic, "Karimova");
        encounter = fixtures.openEncounter(clinic, patient, doctor);
    }

    MvcTestResult upload(String token, UUID encounterId, byte[] file, String fileName, String clientType) {
        return mvc.post()
                .uri("/api/v1/encounters/{id}/images", encounterId)
                .header(HttpHeaders.AUTHORIZATION, token)
                .multipart()
                .file(new MockMultipartFile("file", fileName, clientType, file))
                .param("bodySite", "left-forearm")
                .param("lesionLabel", "Naevus A")
                .param("notes", "Asymmetric border, 6 mm")
                .param("kind", "DERMATOSCOPY")
                .exchange();
    }

    MvcTestResult upload(String token, byte[] jpeg) {
        return upload(token, encounter, jpeg, "lesion.jpg", "image/jpeg");
    }

    long auditEntries(String action, String target) {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = ? AND target_id = ?",
                        clinic.tenantId().value(),
                        action,
                        target);
    }

    @Nested
    class Uploading {

        @Test
        void storesTheImageWithoutMetadataAndServesItWithItsThumbnail() {
            long filesBefore = fixtures.storedFiles();

            MvcTestResult result = upload(nurse, TestImages.jpegWithExifAndGps(640, 480, 1));

            assertThat(result).hasStatus(201);
            JsonNode image = api.body(result);
            String id = image.get("id").asString();
            assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/images/" + id);
            assertThat(image.get("encounterId").asString()).isEqualTo(encounter.toString());
            assertThat(image.get("patientId").asString()).isEqualTo(patient.toString());
            assertThat(image.get("bodySite").asString()).isEqualTo("left-forearm");
            assertThat(image.get("lesionLabel").asString()).isEqualTo("Naevus A");
            assertThat(image.get("kind").asString()).isEqualTo("DERMATOSCOPY");
            assertThat(image.get("contentType").asString()).isEqualTo("image/jpeg");
            assertThat(image.get("width").asInt()).isEqualTo(640);
            assertThat(image.get("height").asInt()).isEqualTo(480);
            assertThat(image.get("thumbnailUrl").asString()).isEqualTo("/api/v1/images/" + id + "/thumbnail");
            assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
            assertThat(fixtures.storedFiles()).isEqualTo(filesBefore + 2);
            assertThat(auditEntries("image.upload", id)).isEqualTo(1);

            MvcTestResult bytes = api.get(doctorToken, "/api/v1/images/" + id);

            assertThat(bytes).hasStatus(200);
            assertThat(bytes.getResponse().getContentType()).isEqualTo("image/jpeg");
            assertThat(bytes.getResponse().getHeader(HttpHeaders.CACHE_CONTROL))
                    .contains("no-store")
                    .contains("private");
            assertThat(bytes.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(bytes.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                    .startsWith("inline; filename=\"image-")
                    .doesNotContain("lesion.jpg");
            byte[] stored = bytes.getResponse().getContentAsByteArray();
            assertThat(ImageApiIntegrationTests.sha256(stored))
                    .isEqualTo(image.get("sha256").asString());
            assertThat(TestImages.hasApp1(stored)).isFalse();
            assertThat(TestImages.contains(stored, "Exif".getBytes(StandardCharsets.US_ASCII)))
                    .isFalse();
            assertThat(TestImages.contains(stored, TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII)))
                    .isFalse();
            assertThat(auditEntries("image.read", id)).isEqualTo(1);

            MvcTestResult thumbnail = api.get(doctorToken, "/api/v1/images/" + id + "/thumbnail");

            assertThat(thumbnail).hasStatus(200);
            assertThat(thumbnail.getResponse().getContentType()).isEqualTo("image/jpeg");
            assertThat(thumbnail.getResponse().getHeader("X-Content-Type-Options"))
                    .isEqualTo("nosniff");
            assertThat(thumbnail.getResponse().getContentAsByteArray().length).isLessThan(stored.length);
            assertThat(auditEntries("image.read", id)).isEqualTo(2);
        }

        @Test
        void listsTheEncounterAndThePatientByLesion() {
            String first =
                    api.body(upload(nurse, TestImages.jpeg(100, 100))).get("id").asString();
            UUID later = fixtures.openEncounter(clinic, patient, doctor);
            mvc.post()
                    .uri("/api/v1/encounters/{id}/images", later)
                    .header(HttpHeaders.AUTHORIZATION, doctorToken)
                    .multipart()
                    .file(new MockMultipartFile("file", "x.png", "image/png", TestImages.png(50, 50)))
                    .param("bodySite", "back-upper")
                    .param("lesionLabel", "naevus  a ")
                    .exchange();
            mvc.post()
                    .uri("/api/v1/encounters/{id}/images", later)
                    .header(HttpHeaders.AUTHORIZATION, doctorToken)
                    .multipart()
                    .file(new MockMultipartFile("file", "y.png", "image/png", TestImages.png(50, 50)))
                    .param("bodySite", "chest")
                    .param("lesionLabel", "Other lesion")
                    .exchange();

            JsonNode ofEncounter = api.body(api.get(doctorToken, "/api/v1/encounters/" + encounter + "/images"));
            assertThat(ofEncounter).hasSize(1);
            assertThat(ofEncounter.get(0).get("id").asString()).isEqualTo(first);

            JsonNode lesion = api.body(mvc.get()
                    .uri("/api/v1/patients/{id}/images?lesionLabel={label}", patient, "NAEVUS A")
                    .header(HttpHeaders.AUTHORIZATION, doctorToken)
                    .exchange());
            assertThat(lesion).hasSize(2);
            assertThat(lesion.get(0).get("id").asString()).isEqualTo(first);
            assertThat(lesion.get(1).get("kind").asString()).isEqualTo("PHOTO");
            assertThat(lesion.get(1).get("lesionLabel").asString()).isEqualTo("naevus a");

            assertThat(api.body(api.get(doctorToken, "/api/v1/patients/" + patient + "/images")))
                    .hasSize(3);
            assertThat(auditEntries("image.list", patient.toString())).isEqualTo(2);
            assertThat(auditEntries("image.list", encounter.toString())).isEqualTo(1);
        }

        @Test
        void isRefusedOnAClosedEncounter() {
            fixtures.close(encounter, doctor);

            MvcTestResult result = upload(nurse, TestImages.jpeg(100, 100));

            assertThat(result).hasStatus(409);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "encounter-closed");
            assertThat(fixtures.imageRows(clinic)).isZero();
        }

        @Test
        void allowsFiveUploadsAMinutePerStaffMember() {
            for (int i = 0; i < 5; i++) {
                assertThat(upload(nurse, TestImages.jpeg(20, 20))).hasStatus(201);
            }

            MvcTestResult sixth = upload(nurse, TestImages.jpeg(20, 20));

            assertThat(sixth).hasStatus(429);
            assertThat(sixth.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(sixth).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "too-many-requests");
            assertThat(upload(doctorToken, TestImages.jpeg(20, 20))).hasStatus(201);
            assertThat(fixtures.imageRows(clinic)).isEqualTo(6);
        }
    }

    @Nested
    class BadInput {

        long rowsBefore;
        long filesBefore;

        @BeforeEach
        void count() {
            rowsBefore = fixtures.imageRows(clinic);
            filesBefore = fixtures.storedFiles();
        }

        void assertNothingStored() {
            assertThat(fixtures.imageRows(clinic)).isEqualTo(rowsBefore);
            assertThat(fixtures.storedFiles()).isEqualTo(filesBefore);
        }

        void assertRefused(MvcTestResult result, int status, String type) {
            assertThat(result).hasStatus(status);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + type);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("file");
            assertNothingStored();
        }

        @Test
        void refusesTextNamedJpg() {
            MvcTestResult result = upload(
                    nurse, encounter, "hello, not a photo".getBytes(StandardCharsets.UTF_8), "x.jpg", "image/jpeg");

            assertRefused(result, 415, "image-not-an-image");
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("JPEG, PNG and WebP");
        }

        @Test
        void refusesAnHtmlPolyglotNamedJpg() {
            assertRefused(
                    upload(nurse, encounter, TestImages.htmlThenJpeg(), "photo.jpg", "image/jpeg"),
                    415,
                    "image-not-an-image");
        }

        @Test
        void refusesAPdfNamedJpg() {
            byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

            assertRefused(upload(nurse, encounter, pdf, "scan.jpg", "image/jpeg"), 415, "image-not-an-image");
        }

        @Test
        void refusesAGif() {
            assertRefused(
                    upload(nurse, encounter, TestImages.gif(10, 10), "a.jpg", "image/jpeg"),
                    415,
                    "image-unsupported-type");
        }

        @Test
        void refusesHeicAskingForJpeg() {
            MvcTestResult result = upload(nurse, encounter, TestImages.heic(), "IMG_0001.HEIC", "image/heic");

            assertRefused(result, 415, "image-heic-not-decodable");
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("JPEG");
        }

        @Test
        void refusesAnUnreadableJpeg() {
            assertRefused(
                    upload(nurse, encounter, TestImages.brokenJpeg(), "a.jpg", "image/jpeg"), 422, "image-unreadable");
        }

        @Test
        void refusesADecompressionBomb() {
            MvcTestResult result =
                    upload(nurse, encounter, TestImages.pngDeclaring(50_000, 50_000), "small.png", "image/png");

            assertRefused(result, 422, "image-too-many-pixels");
        }

        @Test
        void refusesAnOversizedUpload() {
            byte[] big = new byte[20 * 1024 * 1024 + 1];
            System.arraycopy(TestImages.jpeg(10, 10), 0, big, 0, 100);

            MvcTestResult result = upload(nurse, encounter, big, "big.jpg", "image/jpeg");

            assertRefused(result, 413, "image-too-large");
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("20 MiB");
        }

        @Test
        void refusesAnUploadOverSpringsMultipartLimitAsAProblem() throws Exception {
            byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"bodySite\"\r\n\r\nneck\r\n"
                            + "--b\r\nContent-Disposition: form-data; name=\"lesionLabel\"\r\n\r\nA\r\n"
                            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n"
                            + "Content-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
            // just over the 41 MB multipart limit: Tomcat reads (swallows) up to 2 MB past it, so the answer arrives
            byte[] body = new byte[head.length + 41 * 1024 * 1024 + 512 * 1024 + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + port + "/api/v1/encounters/" + encounter + "/images"))
                    .header(HttpHeaders.AUTHORIZATION, nurse)
                    .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=b")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();

            java.net.http.HttpResponse<String> response;
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            }

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains(TYPES + "payload-too-large");
            assertNothingStored();
        }

        @Test
        void refusesAnEmptyFile() {
            assertRefused(upload(nurse, encounter, new byte[0], "a.jpg", "image/jpeg"), 400, "image-empty");
        }

        @Test
        void namesEachMissingOrWrongField() {
            MvcTestResult result = mvc.post()
                    .uri("/api/v1/encounters/{id}/images", encounter)
                    .header(HttpHeaders.AUTHORIZATION, nurse)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ru")
                    .multipart()
                    .param("bodySite", "left-ear-lobe")
                    .param("lesionLabel", " ")
                    .param("kind", "XRAY")
                    .exchange();

            assertThat(result).hasStatus(400);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "validation");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[*].field")
                    .asArray()
                    .containsExactlyInAnyOrder("bodySite", "lesionLabel", "kind", "file");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[0].message")
                    .asString()
                    .contains("карты тела");
            assertNothingStored();
        }
    }

    @Nested
    class Access {

        @Test
        void receptionistsAndLabCannotUploadOrRead() {
            String id =
                    api.body(upload(nurse, TestImages.jpeg(30, 30))).get("id").asString();
            String reception = identity.bearer(identity.staff(clinic, Role.RECEPTIONIST));
            String lab = identity.bearer(identity.staff(clinic, Role.LAB));

            assertThat(upload(reception, TestImages.jpeg(30, 30))).hasStatus(403);
            assertThat(upload(identity.bearer(identity.admin(clinic)), TestImages.jpeg(30, 30)))
                    .hasStatus(403);
            assertThat(api.get(reception, "/api/v1/images/" + id)).hasStatus(403);
            assertThat(api.get(lab, "/api/v1/images/" + id + "/thumbnail")).hasStatus(403);
            assertThat(api.get(reception, "/api/v1/encounters/" + encounter + "/images"))
                    .hasStatus(403);
            assertThat(api.get(identity.bearer(identity.admin(clinic)), "/api/v1/images/" + id))
                    .hasStatus(200);
            assertThat(mvc.get().uri("/api/v1/images/" + id).exchange()).hasStatus(401);
            assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
        }

        @Test
        void anotherOrganizationSeesNothing() {
            String id =
                    api.body(upload(nurse, TestImages.jpeg(30, 30))).get("id").asString();
            IdentityFixtures.Clinic other = identity.clinic();
            String stranger = identity.bearer(identity.staff(other, Role.DOCTOR));

            assertThat(api.get(stranger, "/api/v1/images/" + id)).hasStatus(404);
            assertThat(api.get(stranger, "/api/v1/images/" + id + "/thumbnail")).hasStatus(404);
            assertThat(api.get(stranger, "/api/v1/encounters/" + encounter + "/images"))
                    .hasStatus(404);
            assertThat(api.get(stranger, "/api/v1/patients/" + patient + "/images"))
                    .hasStatus(404);
            MvcTestResult upload = upload(stranger, TestImages.jpeg(30, 30));
            assertThat(upload).hasStatus(404);
            assertThat(upload).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "not-found");
            assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
        }

        @Test
        void unknownAndMalformedIdsAreNotFoundOrBadRequests() {
            assertThat(api.get(doctorToken, "/api/v1/images/" + UUID.randomUUID()))
                    .hasStatus(404);
            assertThat(api.get(doctorToken, "/api/v1/images/not-a-uuid")).hasStatus(400);
        }
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
