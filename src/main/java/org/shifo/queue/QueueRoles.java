package org.shifo.queue;

/**
 * Who may do what with queues (docs/security.md). Every staff role works with queues of the branches it holds a
 * role in: reception issues tickets, doctors and nurses call their patients, the laboratory and the cash desk
 * serve their own queues, and any of them transfers a patient on. Administrators act in every branch.
 */
public final class QueueRoles {

    public static final String STAFF = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB')";

    private QueueRoles() {}
}
