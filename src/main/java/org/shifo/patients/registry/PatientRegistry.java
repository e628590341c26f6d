package org.shifo.patients.registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;
import org.shifo.patients.PatientRegistered;
import org.shifo.patients.domain.DuplicateScore;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Sex;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.persistence.PatientStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering, reading, editing and deleting patient records. Every read of a record and every change is
 * written to the audit trail in the same transaction; a change either happens whole or not at all.
 */
@Service
public class PatientRegistry {

    /** At most this many candidates are shown with a possible-duplicate warning. */
    static final int MAX_CANDIDATES = 5;

    private final PatientStore store;
    private final PatientQueries queries;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RegistryClock clock;
    private final TransactionTemplate transactions;

    PatientRegistry(
            PatientStore store,
            PatientQueries queries,
            AuditLog audit,
            ApplicationEventPublisher events,
            RegistryClock clock,
            TransactionTemplate transactions) {
        this.store = store;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Checks a form without saving anything (the registration page's inline validation). */
    public PatientData check(PatientForm form) {
        return PatientRules.check(form, clock.today());
    }

    /**
     * Registers a patient. Refused when an identifier is in use ({@link DuplicateIdentifierException}) or, unless
     * {@code registerAnyway}, when a strong duplicate candidate exists ({@link PossibleDuplicateException}).
     */
    public PatientRecord register(PatientForm form, boolean registerAnyway) {
        PatientData data = check(form);
        // 1. the refusals, before a record number is spent on them
        List<Candidate> strong = Objects.requireNonNull(transactions.execute(status -> {
            identifierTaken(data, null).ifPresent(taken -> {
                throw taken;
            });
            List<Candidate> found = candidates(data, List.of()).stream()
                    .filter(c -> c.match().strong())
                    .toList();
            if (!found.isEmpty() && !registerAnyway) {
                // the warning shows these records' names and birth dates to the caller: that is a read
                AuditEvent shown = AuditEvent.of(
                        clock.tenant(),
                        clock.actor(),
                        "patient.duplicate_warning",
                        "patient_list",
                        Integer.toString(found.size()),
                        AuditOutcome.SUCCESS);
                for (int i = 0; i < found.size(); i++) {
                    shown = shown.withDetail(
                            "shown" + (i + 1), found.get(i).id().toString());
                }
                audit.recordRead(shown);
            }
            return found;
        }));
        if (!strong.isEmpty() && !registerAnyway) {
            throw new PossibleDuplicateException(strong);
        }
        // 2. the number, in a transaction of its own: the organization's counter row is locked only for it,
        // so registrations do not commit one at a time. A number whose registration then fails (a race for
        // an identifier) is left unused, never handed out again.
        long number =
                Objects.requireNonNull(transactions.execute(status -> store.nextRecordNumber(clock.tenant(), true)));
        // 3. the record and its audit entry
        try {
            PatientRecord record = transactions.execute(status -> registerChecked(data, strong, number));
            if (record == null) {
                throw new IllegalStateException("registration returned nothing");
            }
            return record;
        } catch (DuplicateKeyException race) {
            // another registration took one of the identifiers between our check and our insert
            Optional<DuplicateIdentifierException> taken = transactions.execute(status -> identifierTaken(data, null));
            throw taken == null || taken.isEmpty() ? race : taken.get();
        }
    }

    private PatientRecord registerChecked(PatientData data, List<Candidate> strong, long number) {
        UUID tenant = clock.tenant();
        PatientId id = new PatientId(UUID.randomUUID());
        PatientRecord record = new PatientRecord(
                id,
                tenant,
                number,
                data,
                PatientRecord.Status.ACTIVE,
                null,
                !strong.isEmpty(),
                clock.now(),
                clock.now(),
                null,
                0);
        store.insert(record, clock.actorId());
        AuditEvent event = event("patient.register", id);
        if (!strong.isEmpty()) {
            event = event.withDetail("registeredAnyway", "true")
                    .withDetail("candidates", Integer.toString(strong.size()));
            for (int i = 0; i < Math.min(strong.size(), MAX_CANDIDATES); i++) {
                event = event.withDetail(
                        "candidate" + (i + 1), strong.get(i).id().toString());
            }
        }
        audit.record(event);
        events.publishEvent(new PatientRegistered(new TenantId(tenant), id, record.medicalRecordNumber()));
        return record;
    }

    /** The first identifier of {@code data} that another active record holds, as the exception to throw. */
    private Optional<DuplicateIdentifierException> identifierTaken(PatientData data, @Nullable PatientId self) {
        UUID tenant = clock.tenant();
        for (int i = 0; i < data.identifiers().size(); i++) {
            PatientData.Identifier identifier = data.identifiers().get(i);
            Optional<PatientId> owner = store.identifierOwner(tenant, identifier);
            if (owner.isPresent() && !owner.get().equals(self)) {
                return Optional.of(new DuplicateIdentifierException(
                        "identifiers[" + i + "].value", identifier.type(), owner.get()));
            }
        }
        return Optional.empty();
    }

    /** Existing records that may be the same person as {@code data}, best first (strong or not). */
    public List<Candidate> candidates(PatientData data, List<PatientId> excluded) {
        UUID tenant = clock.tenant();
        List<PatientQueries.CandidateRow> rows = queries.candidates(
                tenant,
                data.nameKey(),
                data.birthDate(),
                data.phones().stream().map(PatientData.PhoneNumber::e164).toList(),
                excluded.stream().map(PatientId::value).toList());
        List<Scored> scored = rows.stream()
                .map(row -> new Scored(
                        row.id(),
                        DuplicateScore.of(new DuplicateScore.Features(
                                row.nameSimilarity(),
                                row.samePhone(),
                                row.sameBirthDate(),
                                row.swappedBirthDate(),
                                differentSex(data.sex(), row.sex())))))
                .filter(s -> s.score().score() >= DuplicateScore.LIKELY)
                .sorted(Comparator.comparingInt((Scored s) -> s.score().score()).reversed())
                .limit(MAX_CANDIDATES)
                .toList();
        List<PatientStore.Summary> summaries =
                store.summaries(tenant, scored.stream().map(s -> s.id().value()).toList());
        return scored.stream()
                .flatMap(s -> summaries.stream()
                        .filter(summary -> summary.id().equals(s.id()))
                        .findFirst()
                        .map(summary -> new Candidate(
                                s.id(),
                                summary.medicalRecordNumber(),
                                summary.displayName(),
                                summary.birthDate(),
                                s.score()))
                        .stream())
                .toList();
    }

    private record Scored(PatientId id, DuplicateScore score) {}

    static boolean differentSex(Sex sex, String other) {
        return (sex == Sex.MALE || sex == Sex.FEMALE)
                && (other.equals("MALE") || other.equals("FEMALE"))
                && !sex.name().equals(other);
    }

    /** Reads a record; the read is written to the audit trail. Deleted records are not found. */
    public PatientRecord read(PatientId id) {
        PatientRecord record = transactions.execute(
                status -> store.find(clock.tenant(), id).orElseThrow(PatientNotFoundException::new));
        if (record == null) {
            throw new PatientNotFoundException();
        }
        // after the transaction, so that its connection is free while the entry waits for its batch's commit;
        // the record is returned only once the entry is committed
        audit.recordRead(event("patient.read", id));
        return record;
    }

    /**
     * Replaces a record's data. {@code expectedVersion}, when given, must be the version the editor started
     * from (else {@link OptimisticLockingFailureException}). Merged records cannot be edited.
     */
    public PatientRecord update(PatientId id, PatientForm form, @Nullable Integer expectedVersion) {
        PatientData data = check(form);
        try {
            PatientRecord updated = transactions.execute(status -> {
                UUID tenant = clock.tenant();
                PatientRecord current = store.findForUpdate(tenant, id).orElseThrow(PatientNotFoundException::new);
                if (current.status() != PatientRecord.Status.ACTIVE) {
                    throw new MergeRefusedException(MergeRefusedException.Reason.NOT_ACTIVE);
                }
                if (expectedVersion != null && expectedVersion != current.version()) {
                    throw new OptimisticLockingFailureException("patient changed meanwhile");
                }
                identifierTaken(data, id).ifPresent(taken -> {
                    throw taken;
                });
                Instant now = clock.now();
                int version = store.update(tenant, id, data, current.version(), now);
                audit.record(event("patient.update", id));
                return new PatientRecord(
                        id,
                        tenant,
                        current.recordNumber(),
                        data,
                        current.status(),
                        current.mergedInto(),
                        current.registeredAnyway(),
                        current.createdAt(),
                        now,
                        null,
                        version);
            });
            if (updated == null) {
                throw new PatientNotFoundException();
            }
            return updated;
        } catch (DuplicateKeyException race) {
            Optional<DuplicateIdentifierException> taken = transactions.execute(status -> identifierTaken(data, id));
            throw taken == null || taken.isEmpty() ? race : taken.get();
        }
    }

    /** Soft-deletes a record: it keeps its history and leaves normal reads; its identifiers become free. */
    public void delete(PatientId id) {
        transactions.executeWithoutResult(status -> {
            UUID tenant = clock.tenant();
            if (store.findForUpdate(tenant, id).isEmpty()) {
                throw new PatientNotFoundException();
            }
            store.markDeleted(tenant, id, clock.now(), clock.actorId());
            audit.record(event("patient.delete", id));
        });
    }

    AuditEvent event(String action, PatientId id) {
        return AuditEvent.of(clock.tenant(), clock.actor(), action, "patient", id.toString(), AuditOutcome.SUCCESS);
    }
}
