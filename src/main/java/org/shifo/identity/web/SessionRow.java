package org.shifo.identity.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.accounts.ActiveSession;

/** One row of a sessions table (templates/identity/sessions.html), its moments already formatted. */
record SessionRow(
        UUID id,
        String kind,
        @Nullable String device,
        @Nullable String clientAddress,
        String startedAt,
        String lastUsedAt,
        boolean current) {

    static List<SessionRow> of(List<ActiveSession> sessions, PageTimes times) {
        return sessions.stream()
                .map(session -> new SessionRow(
                        session.id(),
                        session.kind().name().toLowerCase(Locale.ROOT),
                        session.userAgent(),
                        session.clientAddress(),
                        times.format(session.startedAt()),
                        times.format(session.lastUsedAt()),
                        session.current()))
                .toList();
    }
}
