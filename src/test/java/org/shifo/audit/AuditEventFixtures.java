package org.shifo.audit;

import java.util.UUID;

/** Audit events as modules would record them. */
public final class AuditEventFixtures {

    public static final UUID RECEPTIONIST_ID = UUID.fromString("0190d1d0-0000-7000-8000-00000000a001");
    public static final AuditActor RECEPTIONIST = AuditActor.user(RECEPTIONIST_ID, "Dilnoza Karimova");

    private AuditEventFixtures() {}

    /** The receptionist read a (random) patient's record. */
    public static AuditEvent patientRead(UUID tenantId) {
        return patientRead(tenantId, UUID.randomUUID());
    }

    public static AuditEvent patientRead(UUID tenantId, UUID patientId) {
        return AuditEvent.of(
                tenantId, RECEPTIONIST, "patient.read", "patient", patientId.toString(), AuditOutcome.SUCCESS);
    }

    /** Someone was refused a patient's record. */
    public static AuditEvent patientReadDenied(UUID tenantId, AuditActor actor) {
        return AuditEvent.of(
                tenantId, actor, "patient.read", "patient", UUID.randomUUID().toString(), AuditOutcome.DENIED);
    }

    /** The nightly reconciliation, acting on its own, updated an invoice. */
    public static AuditEvent invoiceReconciled(UUID tenantId) {
        return AuditEvent.of(
                tenantId,
                AuditActor.system("billing-reconciliation"),
                "invoice.reconcile",
                "invoice",
                UUID.randomUUID().toString(),
                AuditOutcome.SUCCESS);
    }
}
