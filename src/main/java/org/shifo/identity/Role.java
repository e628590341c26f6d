package org.shifo.identity;

/** What a staff member does in a branch; the permission matrix is in docs/security.md. */
public enum Role {
    ADMIN,
    DOCTOR,
    NURSE,
    RECEPTIONIST,
    CASHIER,
    LAB;

    /** The Spring Security authority of this role ({@code ROLE_DOCTOR}). */
    public String authority() {
        return "ROLE_" + name();
    }
}
