package org.shifo.terminology;

/** Who may do what with code sets, in one place (docs/security.md has the matrix). */
public final class TerminologyRoles {

    /** Import code set files and follow the imports: administrators. */
    public static final String IMPORT = "hasRole('ADMIN')";

    /** Search diagnosis codes: whoever records diagnoses or reads the chart. */
    public static final String SEARCH = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE')";

    private TerminologyRoles() {}
}
