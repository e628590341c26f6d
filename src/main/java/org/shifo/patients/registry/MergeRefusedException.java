package org.shifo.patients.registry;

/** A merge or an undo that the records' state does not allow; the reason is a stable code. */
public final class MergeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        SAME_RECORD("The two records are the same record."),
        NOT_ACTIVE("One of the records has been merged already; merge with the record it was merged into."),
        ALREADY_UNDONE("This merge has been undone already."),
        EDITED_SINCE("The surviving record was edited after the merge; undo would lose those changes."),
        LATER_MERGE("A later merge involves these records; undo that one first.");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private final Reason reason;

    public MergeRefusedException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
