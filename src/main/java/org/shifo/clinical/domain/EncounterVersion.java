package org.shifo.clinical.domain;

import java.time.Instant;
import java.util.UUID;

/** A previous version of a closed encounter's note, kept when an amendment replaced it. */
public record EncounterVersion(
        UUID encounterId, int version, NoteSections notes, UUID amendedBy, Instant amendedAt, String reason) {}
