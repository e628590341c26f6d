package org.shifo.clinical.images.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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
import org.shifo.platform.testing.PageSessions;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ImagePagesIntegrationTests {

    @Autowired
    IdentityFixtures identity;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    PlatformSettings platform;

    @Autowired
    FileStoreSettings fileSettings;

    EncounterFixtures fixtures;
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    Cookie nurse;
    UUID patient;
    UUID encounter;

    @BeforeEach
    void setUp() {
        TestDatabase.get().resetRateLimits();
        fixtures = new EncounterFixtures(
                identity, new ApiCalls(mvc, json), fileSettings.directoryUnder(platform.dataDir()));
        clinic = identity.clinic();
        doctor = identity.staff(clinic, Role.DOCTOR);
        nurse = PageSessions.signIn(mvc, identity.staff(clinic, Role.NURSE));
        patient = fixtures.patient(clinic, "Usmonova");
        encounter = fixtures.openEncounter(clinic, patient, doctor);
    }

    MvcTestResult upload(Cookie session, UUID encounterId, byte[] file) {
        return mvc.post()
                .uri("/encounters/{id}/images", encounterId)
                .cookie(session)
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile("file", "a.jpg", "image/jpeg", file))
                .param("bodySite", "chest")
                .param("lesionLabel", "Plaque 1")
                .exchange();
    }

    @Test
    void uploadsThroughTheFormAndServesTheBytesToTheSessionOnly() {
        MvcTestResult uploaded = upload(nurse, encounter, TestImages.jpeg(64, 48));

        assertThat(uploaded).hasStatus3xxRedirection();
        assertThat(uploaded.getResponse().getRedirectedUrl())
                .isEqualTo("/encounters/" + encounter + "/images?uploaded");
        String id = imageId();

        MvcTestResult bytes = mvc.get().uri("/images/{id}", id).cookie(nurse).exchange();

        assertThat(bytes).hasStatusOk();
        assertThat(bytes.getResponse().getContentType()).isEqualTo("image/jpeg");
        assertThat(bytes.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(bytes.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        assertThat(mvc.get().uri("/images/{id}/thumbnail", id).cookie(nurse).exchange())
                .hasStatusOk();
        assertThat(mvc.get().uri("/images/{id}", id).exchange()).hasStatus3xxRedirection();
    }

    @Test
    void refusedUploadsAreShownOnThePageAndStoreNothing() {
        long files = fixtures.storedFiles();

        MvcTestResult bomb = upload(nurse, encounter, TestImages.pngDeclaring(50_000, 50_000));

        assertThat(bomb).hasStatus(422);
        assertThat(bomb).bodyText().contains("piksel chegarasidan koʻp");
        fixtures.close(encounter, doctor);
        assertThat(upload(nurse, encounter, TestImages.jpeg(20, 20))).hasStatus(409);
        assertThat(fixtures.imageRows(clinic)).isZero();
        assertThat(fixtures.storedFiles()).isEqualTo(files);
    }

    @Test
    void receptionistsAndOtherOrganizationsAreKeptOut() {
        assertThat(upload(nurse, encounter, TestImages.jpeg(20, 20))).hasStatus3xxRedirection();
        String id = imageId();
        Cookie reception = PageSessions.signIn(mvc, identity.staff(clinic, Role.RECEPTIONIST));
        Cookie stranger = PageSessions.signIn(mvc, identity.staff(identity.clinic(), Role.NURSE));

        assertThat(mvc.get()
                        .uri("/encounters/{id}/images", encounter)
                        .cookie(reception)
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get().uri("/images/{id}", id).cookie(reception).exchange())
                .hasStatus(403);
        assertThat(upload(reception, encounter, TestImages.jpeg(20, 20))).hasStatus(403);
        assertThat(mvc.get()
                        .uri("/encounters/{id}/images", encounter)
                        .cookie(stranger)
                        .exchange())
                .hasStatus(404);
        assertThat(mvc.get().uri("/images/{id}", id).cookie(stranger).exchange())
                .hasStatus(404);
        assertThat(mvc.get()
                        .uri("/patients/{id}/images/compare?lesion=Plaque 1", patient)
                        .cookie(stranger)
                        .exchange())
                .hasStatus(404);
        assertThat(upload(stranger, encounter, TestImages.jpeg(20, 20))).hasStatus(404);
        assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
    }

    private String imageId() {
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.prepareStatement("SELECT id FROM clinical.images WHERE encounter_id = ?")) {
            statement.setObject(1, encounter);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
