/**
 * The patient registry: validated patient records with typed identifiers and phones, medical record numbers,
 * search, duplicate detection and merge (with undo). Other modules refer to patients by {@link
 * org.shifo.patients.PatientId} and follow merges through {@link org.shifo.patients.PatientsMerged}.
 */
@ApplicationModule(
        displayName = "Patients",
        allowedDependencies = {"platform", "identity", "audit"})
@NullMarked
package org.shifo.patients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
