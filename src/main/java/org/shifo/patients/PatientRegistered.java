package org.shifo.patients;

import org.shifo.identity.TenantId;

/** A new patient record was saved (published inside the registering transaction). */
public record PatientRegistered(TenantId tenant, PatientId patient, String medicalRecordNumber) {}
