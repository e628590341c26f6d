-- A laboratory result is released to the patient by a doctor (notifications tell the patient "your results are
-- ready" only then, never with a value). Both columns are set together, once; a released result stays released.
ALTER TABLE clinical.lab_results
    ADD COLUMN released_at TIMESTAMPTZ,
    ADD COLUMN released_by UUID,
    ADD CONSTRAINT lab_results_released_by_fkey FOREIGN KEY (released_by, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    ADD CONSTRAINT lab_results_release_complete CHECK ((released_at IS NULL) = (released_by IS NULL));

-- The results of a patient still waiting for a doctor's release.
CREATE INDEX lab_results_unreleased ON clinical.lab_results (tenant_id, patient_id) WHERE released_at IS NULL;
