package org.shifo.identity.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEntry;

/** One entry of the audit trail as the pages show it (templates/identity/audit-history.html). */
record AuditRow(
        String occurredAt,
        String actor,
        @Nullable String actorKey,
        String action,
        String targetType,
        String targetId,
        String outcome,
        @Nullable String clientAddress,
        @Nullable Long chainIndex) {

    static List<AuditRow> of(List<AuditEntry> entries, PageTimes times) {
        return entries.stream()
                .map(entry -> new AuditRow(
                        times.format(entry.occurredAt()),
                        switch (entry.actor()) {
                            case AuditActor.User user -> user.displayName();
                            case AuditActor.SystemProcess process -> process.name();
                            case AuditActor.Anonymous anonymous -> "";
                        },
                        switch (entry.actor()) {
                            case AuditActor.User user -> null;
                            case AuditActor.SystemProcess process -> "identity.audit.actor.system";
                            case AuditActor.Anonymous anonymous -> "identity.audit.actor.anonymous";
                        },
                        entry.action(),
                        entry.targetType(),
                        entry.targetId(),
                        entry.outcome().name(),
                        entry.clientAddress(),
                        entry.chainIndex()))
                .toList();
    }
}
