package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class AuditSchedulerTests {

    @Test
    void describesAFailureByTypeAndSqlStateWithoutItsMessage() {
        var failure = new DataIntegrityViolationException(
                "Failing row contains (42, patient.read, Aziz Karimov)",
                new SQLException("Failing row contains (42, patient.read, Aziz Karimov)", "23514"));

        String description = AuditScheduler.describe(failure);

        assertThat(description).isEqualTo("DataIntegrityViolationException, SQL state 23514");
    }
}
