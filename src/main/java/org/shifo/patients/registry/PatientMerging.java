package org.shifo.patients.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditLog;
import org.shifo.identity.TenantId;
import org.shifo.patients.MergeJournal;
import org.shifo.patients.PatientId;
import org.shifo.patients.PatientsMerged;
import org.shifo.patients.PatientsUnmerged;
import org.shifo.patients.domain.IdentifierType;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Violation;
import org.shifo.patients.persistence.MergeStore;
import org.shifo.patients.persistence.PatientStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merging two records of one person, and undoing a merge. A merge takes a snapshot of both records, writes
 * the chosen values into the survivor, marks the other "merged into" the survivor (it stays readable), and
 * publishes {@link PatientsMerged} so every module moves its references, all in one transaction. An undo
 * writes the snapshot back and publishes {@link PatientsUnmerged} with exactly the references that were moved.
 */
@Service
public class PatientMerging {

    /** The fields whose winner can be chosen; phones and identifiers may also keep {@code both}. */
    public static final List<String> FIELDS = List.of(
            "familyName",
            "givenName",
            "patronymic",
            "sex",
            "birthDate",
            "email",
            "address",
            "language",
            "emergencyContact",
            "notes",
            "consents",
            "phones",
            "identifiers");

    private static final Set<String> LISTS = Set.of("phones", "identifiers");

    private final PatientStore store;
    private final MergeStore merges;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RegistryClock clock;
    private final TransactionTemplate transactions;
    private final PatientRegistry registry;

    PatientMerging(
            PatientStore store,
            MergeStore merges,
            AuditLog audit,
            ApplicationEventPublisher events,
            RegistryClock clock,
            TransactionTemplate transactions,
            PatientRegistry registry) {
        this.store = store;
        this.merges = merges;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
        this.registry = registry;
    }

    /** Checks the field choices: known fields, values {@code survivor}, {@code merged} (or {@code both}). */
    static Map<String, String> choices(@Nullable Map<String, @Nullable String> raw) {
        Map<String, String> choices = new LinkedHashMap<>();
        FIELDS.forEach(field -> choices.put(field, LISTS.contains(field) ? "both" : "survivor"));
        List<Violation> problems = new ArrayList<>();
        if (raw != null) {
            raw.forEach((field, value) -> {
                String path = "fieldChoices." + field;
                if (!FIELDS.contains(field)) {
                    problems.add(Violation.of(path, "unknown-field", "is not a field that can be chosen"));
                } else if (value == null
                        || !(value.equals("survivor")
                                || value.equals("merged")
                                || (LISTS.contains(field) && value.equals("both")))) {
                    String allowed = LISTS.contains(field) ? "survivor, merged, both" : "survivor, merged";
                    problems.add(Violation.of(path, "one-of", "must be one of " + allowed, allowed));
                } else {
                    choices.put(field, value);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new PatientRuleException(problems);
        }
        return choices;
    }

    /** Merges {@code merged} into {@code survivor}; returns the merge's id (for an undo). */
    public UUID merge(PatientId survivor, PatientId merged, @Nullable Map<String, @Nullable String> rawChoices) {
        Map<String, String> choices = choices(rawChoices);
        if (survivor.equals(merged)) {
            throw new MergeRefusedException(MergeRefusedException.Reason.SAME_RECORD);
        }
        UUID result = transactions.execute(status -> {
            UUID tenant = clock.tenant();
            // lock in a fixed order, so two merges of the same pair cannot deadlock
            boolean survivorFirst =
                    survivor.value().toString().compareTo(merged.value().toString()) < 0;
            PatientRecord first = store.findForUpdate(tenant, survivorFirst ? survivor : merged)
                    .orElseThrow(PatientNotFoundException::new);
            PatientRecord second = store.findForUpdate(tenant, survivorFirst ? merged : survivor)
                    .orElseThrow(PatientNotFoundException::new);
            PatientRecord kept = survivorFirst ? first : second;
            PatientRecord gone = survivorFirst ? second : first;
            if (kept.status() != PatientRecord.Status.ACTIVE || gone.status() != PatientRecord.Status.ACTIVE) {
                throw new MergeRefusedException(MergeRefusedException.Reason.NOT_ACTIVE);
            }
            PatientData combined = combine(kept.data(), gone.data(), choices);
            String snapshot = merges.snapshot(tenant, survivor, merged);
            store.setIdentifiersActive(tenant, merged, false);
            int survivorVersion = store.update(tenant, survivor, combined, kept.version(), clock.now());
            store.markMerged(tenant, merged, survivor, clock.now());
            UUID mergeId = UUID.randomUUID();
            MergeJournal journal = new MergeJournal();
            events.publishEvent(new PatientsMerged(new TenantId(tenant), mergeId, survivor, merged, journal));
            merges.insert(
                    mergeId,
                    tenant,
                    survivor,
                    merged,
                    choices,
                    snapshot,
                    journal.entries(),
                    survivorVersion,
                    clock.now(),
                    clock.actorId());
            audit.record(registry.event("patient.merge", survivor)
                    .withDetail("merge", mergeId.toString())
                    .withDetail("merged", merged.toString()));
            audit.record(registry.event("patient.merge", merged)
                    .withDetail("merge", mergeId.toString())
                    .withDetail("survivor", survivor.toString()));
            return mergeId;
        });
        if (result == null) {
            throw new IllegalStateException("merge returned nothing");
        }
        return result;
    }

    private PatientData combine(PatientData kept, PatientData gone, Map<String, String> choices) {
        List<PatientData.PhoneNumber> phones =
                switch (choices.get("phones")) {
                    case "merged" -> gone.phones();
                    case "both" -> {
                        List<PatientData.PhoneNumber> all = new ArrayList<>(kept.phones());
                        for (PatientData.PhoneNumber phone : gone.phones()) {
                            if (all.stream().noneMatch(p -> p.e164().equals(phone.e164()))) {
                                all.add(new PatientData.PhoneNumber(phone.e164(), false));
                            }
                        }
                        yield all;
                    }
                    default -> kept.phones();
                };
        if (phones.size() > PatientRules.MAX_PHONES) {
            throw new PatientRuleException(List.of(Violation.of(
                    "fieldChoices.phones",
                    "too-many",
                    "together the records have more than " + PatientRules.MAX_PHONES + " phones; choose one side",
                    PatientRules.MAX_PHONES)));
        }
        List<PatientData.Identifier> identifiers =
                switch (choices.get("identifiers")) {
                    case "merged" -> gone.identifiers();
                    case "both" -> {
                        List<PatientData.Identifier> all = new ArrayList<>(kept.identifiers());
                        for (PatientData.Identifier identifier : gone.identifiers()) {
                            if (!all.contains(identifier)) {
                                all.add(identifier);
                            }
                        }
                        yield all;
                    }
                    default -> kept.identifiers();
                };
        if (identifiers.stream().filter(i -> i.type() == IdentifierType.PINFL).count() > 1) {
            throw new PatientRuleException(List.of(Violation.of(
                    "fieldChoices.identifiers",
                    "conflicting-pinfl",
                    "the records have different PINFLs; keep the identifiers of one side")));
        }
        if (identifiers.size() > PatientRules.MAX_IDENTIFIERS) {
            throw new PatientRuleException(List.of(Violation.of(
                    "fieldChoices.identifiers",
                    "too-many",
                    "together the records have more than " + PatientRules.MAX_IDENTIFIERS + " identifiers",
                    PatientRules.MAX_IDENTIFIERS)));
        }
        PatientData combined = new PatientData(
                side(choices, "familyName", kept, gone).familyName(),
                side(choices, "givenName", kept, gone).givenName(),
                side(choices, "patronymic", kept, gone).patronymic(),
                side(choices, "sex", kept, gone).sex(),
                side(choices, "birthDate", kept, gone).birthDate(),
                phones,
                side(choices, "email", kept, gone).email(),
                side(choices, "address", kept, gone).address(),
                side(choices, "language", kept, gone).language(),
                identifiers,
                side(choices, "emergencyContact", kept, gone).emergencyContact(),
                side(choices, "notes", kept, gone).notes(),
                side(choices, "consents", kept, gone).consents());
        // the chosen values together must still keep every rule (a PINFL must match the chosen birth date)
        return PatientRules.check(combined.toForm(), clock.today());
    }

    private static PatientData side(Map<String, String> choices, String field, PatientData kept, PatientData gone) {
        return "merged".equals(choices.get(field)) ? gone : kept;
    }

    /** The latest merge into {@code survivor} that is still in force and may be offered for undo, if any. */
    public Optional<UUID> latestMergeInto(PatientId survivor) {
        Optional<UUID> latest = transactions.execute(status -> merges.latestOpenMergeInto(clock.tenant(), survivor));
        return latest == null ? Optional.empty() : latest;
    }

    /** Undoes a merge: both records, their phones and identifiers as before, and the moved references back. */
    public void undo(UUID mergeId) {
        transactions.executeWithoutResult(status -> {
            UUID tenant = clock.tenant();
            MergeStore.Merge merge = merges.findForUpdate(tenant, mergeId).orElseThrow(PatientNotFoundException::new);
            if (merge.undoneAt() != null) {
                throw new MergeRefusedException(MergeRefusedException.Reason.ALREADY_UNDONE);
            }
            PatientRecord survivor =
                    store.findForUpdate(tenant, merge.survivor()).orElseThrow(PatientNotFoundException::new);
            PatientRecord merged =
                    store.findForUpdate(tenant, merge.merged()).orElseThrow(PatientNotFoundException::new);
            if (merges.laterOpenMergeInvolves(tenant, merge.survivor(), merge.mergedAt(), mergeId)
                    || merges.laterOpenMergeInvolves(tenant, merge.merged(), merge.mergedAt(), mergeId)
                    || survivor.status() != PatientRecord.Status.ACTIVE
                    || !merge.survivor().equals(merged.mergedInto())) {
                throw new MergeRefusedException(MergeRefusedException.Reason.LATER_MERGE);
            }
            if (survivor.version() != merge.survivorVersion()) {
                throw new MergeRefusedException(MergeRefusedException.Reason.EDITED_SINCE);
            }
            merges.restore(tenant, mergeId, clock.now());
            events.publishEvent(new PatientsUnmerged(
                    new TenantId(tenant), mergeId, merge.survivor(), merge.merged(), merge.movedReferences()));
            merges.markUndone(tenant, mergeId, clock.now(), clock.actorId());
            audit.record(registry.event("patient.unmerge", merge.survivor())
                    .withDetail("merge", mergeId.toString())
                    .withDetail("merged", merge.merged().toString()));
            audit.record(registry.event("patient.unmerge", merge.merged())
                    .withDetail("merge", mergeId.toString())
                    .withDetail("survivor", merge.survivor().toString()));
        });
    }
}
