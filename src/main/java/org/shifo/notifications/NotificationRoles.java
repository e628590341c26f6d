package org.shifo.notifications;

/**
 * Who may do what in notifications, in one place (docs/security.md has the matrix). Used in method security on
 * the API and page controllers.
 */
public final class NotificationRoles {

    /** Register and unregister one's own push devices: every staff role. */
    public static final String OWN_DEVICES = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB')";

    /** Settings, templates, the delivery dashboard and its retry: administrators. */
    public static final String ADMINISTER = "hasRole('ADMIN')";

    private NotificationRoles() {}
}
