package org.shifo.patients.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.persistence.PatientStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The registry's answer to other modules' lookups: one indexed query for any number of ids. */
@Component
class RegistryDirectory implements PatientDirectory {

    private final PatientStore store;
    private final PatientSearch search;

    RegistryDirectory(PatientStore store, PatientSearch search) {
        this.store = store;
        this.search = search;
    }

    @Override
    public List<Entry> search(String query, int limit) {
        if (query.isBlank()) {
            return List.of();
        }
        try {
            return search.search(query, null, null, Math.clamp(limit, 1, PatientSearch.MAX_LIMIT)).items().stream()
                    .map(hit -> entry(hit.summary()))
                    .toList();
        } catch (PatientRuleException unreadable) {
            return List.of();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Entry> find(TenantId tenant, PatientId id) {
        return Optional.ofNullable(findAll(tenant, List.of(id)).get(id));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<PatientId, Entry> findAll(TenantId tenant, Collection<PatientId> ids) {
        List<UUID> wanted = ids.stream().map(PatientId::value).distinct().toList();
        Map<PatientId, Entry> found = new LinkedHashMap<>();
        for (PatientStore.Summary s : store.summaries(tenant.value(), wanted)) {
            found.put(s.id(), entry(s));
        }
        return found;
    }

    private static Entry entry(PatientStore.Summary s) {
        return new Entry(
                s.id(),
                s.medicalRecordNumber(),
                s.displayName(),
                initials(s),
                s.birthDate(),
                s.primaryPhone(),
                s.status() == PatientRecord.Status.MERGED,
                s.mergedInto(),
                PatientDirectory.AdministrativeSex.valueOf(s.sex().name()),
                s.language());
    }

    private static String initials(PatientStore.Summary s) {
        return s.givenName().substring(0, s.givenName().offsetByCodePoints(0, 1)) + "."
                + s.familyName().substring(0, s.familyName().offsetByCodePoints(0, 1)) + ".";
    }
}
