package org.shifo.audit;

/** How the audited attempt ended. */
public enum AuditOutcome {
    /** The action was carried out (or the data was shown). */
    SUCCESS,
    /** The actor was not allowed to do it. */
    DENIED,
    /** The actor was allowed, but the action failed. */
    FAILURE
}
