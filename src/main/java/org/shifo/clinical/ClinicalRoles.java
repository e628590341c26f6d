package org.shifo.clinical;

/**
 * Who may do what with clinical records, in one place (docs/security.md has the matrix). Receptionists and
 * cashiers see no clinical content; the laboratory sees and records laboratory results but never notes.
 */
public final class ClinicalRoles {

    /** Encounters with their notes, vitals, diagnoses and images. */
    public static final String READ_CHART = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE')";

    /** Open an encounter, write its notes and diagnoses, close it; amend a closed one (author or admin). */
    public static final String WRITE_ENCOUNTER = "hasAnyRole('ADMIN', 'DOCTOR')";

    /** Record vital signs. */
    public static final String RECORD_VITALS = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE')";

    /** Upload dermatology images. */
    public static final String UPLOAD_IMAGES = "hasAnyRole('DOCTOR', 'NURSE')";

    /** Read laboratory results (and their trends). */
    public static final String READ_LAB_RESULTS = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'LAB')";

    /** Record laboratory results, on a page or through the API. */
    public static final String RECORD_LAB_RESULTS = "hasAnyRole('DOCTOR', 'LAB')";

    /** Release laboratory results to the patient (who is then told they are ready): a doctor's decision. */
    public static final String RELEASE_LAB_RESULTS = "hasRole('DOCTOR')";

    private ClinicalRoles() {}
}
