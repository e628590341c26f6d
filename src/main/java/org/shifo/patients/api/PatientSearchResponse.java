package org.shifo.patients.api;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.registry.PatientSearch;

/** One page of search results: {@code {items, nextCursor}}. */
record PatientSearchResponse(List<Item> items, @Nullable String nextCursor) {

    record Item(
            String id,
            String medicalRecordNumber,
            String displayName,
            String familyName,
            String givenName,
            @Nullable String patronymic,
            String sex,
            LocalDate birthDate,
            int age,
            @Nullable String primaryPhone,
            int score) {}

    static PatientSearchResponse from(PatientSearch.Page page, LocalDate today) {
        return new PatientSearchResponse(
                page.items().stream().map(hit -> item(hit, today)).toList(), page.nextCursor());
    }

    private static Item item(PatientQueries.Hit hit, LocalDate today) {
        return PatientItems.item(hit.summary(), today, hit.score());
    }
}
