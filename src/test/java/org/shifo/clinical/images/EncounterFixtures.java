package org.shifo.clinical.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Patients (registered through the API) and encounters (rows inserted directly, until the encounter API is on
 * main) for the image tests, and a look into the file store's directory.
 */
public final class EncounterFixtures {

    private final IdentityFixtures identity;
    private final ApiCalls api;
    private final Path files;

    public EncounterFixtures(IdentityFixtures identity, ApiCalls api, Path files) {
        this.identity = identity;
        this.api = api;
        this.files = files;
    }

    /** A patient of the clinic, registered by its receptionist. */
    public UUID patient(IdentityFixtures.Clinic clinic, String familyName) {
        String reception = identity.bearer(identity.staff(clinic, Role.RECEPTIONIST));
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"%s","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1990-04-12",
                 "phones":[{"number":"+998 90 %03d %02d %02d","primary":true}]}
                """
                        .formatted(
                                familyName,
                                (int) (Math.random() * 900) + 100,
                                (int) (Math.random() * 90) + 10,
                                (int) (Math.random() * 90) + 10));
        assertThat(result).hasStatus(201);
        return UUID.fromString(api.body(result).get("id").asString());
    }

    /** An open encounter of the patient with the practitioner in the clinic's branch. */
    public UUID openEncounter(IdentityFixtures.Clinic clinic, UUID patient, Staff practitioner) {
        UUID id = UUID.randomUUID();
        execute(
                """
                INSERT INTO clinical.encounters (id, tenant_id, patient_id, practitioner_id, branch_id, status,
                    started_at, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', now(), ?, now(), now())
                """,
                id,
                clinic.tenantId().value(),
                patient,
                practitioner.userId().value(),
                clinic.branchId().value(),
                practitioner.userId().value());
        return id;
    }

    /** Closes the encounter (directly in the table; the primary-diagnosis rule is the encounter service's). */
    public void close(UUID encounter, Staff practitioner) {
        execute(
                "UPDATE clinical.encounters SET status = 'CLOSED', closed_at = now(), closed_by = ? WHERE id = ?",
                practitioner.userId().value(),
                encounter);
    }

    private static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many image rows the clinic has. */
    public long imageRows(IdentityFixtures.Clinic clinic) {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM clinical.images WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    /** How many files the file store holds (temporary ones included). */
    public long storedFiles() {
        if (!Files.isDirectory(files)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(files)) {
            return all.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
