/**
 * The doctor's working surface: encounters (with their note sections, amendments and previous versions),
 * vital signs with their flags, ICD-10 diagnoses checked against the imported code sets, laboratory results
 * checked against the catalogue, and dermatology images. Opens an encounter when a doctor starts a checked-in
 * appointment or a queue ticket. Publishes {@link org.shifo.clinical.EncounterClosed} and {@code
 * LabResultRecorded} (persisted by Spring Modulith for the assistant and notifications).
 */
@ApplicationModule(
        displayName = "Clinical",
        allowedDependencies = {"platform", "identity", "audit", "patients", "scheduling", "queue", "terminology"})
@NullMarked
package org.shifo.clinical;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
