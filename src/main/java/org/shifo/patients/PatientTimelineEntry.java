package org.shifo.patients;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event on a patient's timeline: when it happened, what happened as a message key of the bundles (so the
 * page says it in the reader's language) with its arguments (plain text, escaped on output), and optionally a
 * link within the application ({@code /patients/…}, {@code /appointments/…}) to see more.
 */
public record PatientTimelineEntry(Instant at, String messageKey, List<String> arguments, @Nullable String link) {

    public PatientTimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(messageKey, "messageKey");
        arguments = List.copyOf(arguments);
        if (link != null && !link.startsWith("/")) {
            throw new IllegalArgumentException("a timeline link stays within the application");
        }
    }
}
