package org.shifo.scheduling;

/**
 * Who may do what in scheduling, in one place (docs/security.md has the matrix). Used in method security on
 * the API and page controllers.
 */
public final class SchedulingRoles {

    /** Services, practitioners, schedules and free slots: every staff role. */
    public static final String SEE_SCHEDULES =
            "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB')";

    /** Services, weekly templates and exceptions: administrators. */
    public static final String SET_UP = "hasRole('ADMIN')";

    /** Appointments (patient data): everyone who books, treats or bills; not the laboratory. */
    public static final String SEE_APPOINTMENTS = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER')";

    /** Book, reschedule, cancel, check in, mark no-show, open a walk-in visit. */
    public static final String BOOK = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST')";

    /** Start and finish a visit. */
    public static final String TREAT = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE')";

    private SchedulingRoles() {}
}
