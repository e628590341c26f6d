package org.shifo.clinical.encounters;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.clinical.EncounterClosed;
import org.shifo.clinical.domain.ClinicalConflictException;
import org.shifo.clinical.domain.ClinicalNotFoundException;
import org.shifo.clinical.domain.ClinicalRuleException;
import org.shifo.clinical.domain.Diagnosis;
import org.shifo.clinical.domain.DiagnosisKind;
import org.shifo.clinical.domain.DiagnosisStatus;
import org.shifo.clinical.domain.Encounter;
import org.shifo.clinical.domain.EncounterStatus;
import org.shifo.clinical.domain.EncounterVersion;
import org.shifo.clinical.domain.NoteSections;
import org.shifo.clinical.domain.Violation;
import org.shifo.clinical.domain.VitalSigns;
import org.shifo.clinical.domain.Vitals;
import org.shifo.clinical.domain.VitalsRules;
import org.shifo.clinical.lab.LabResultBook;
import org.shifo.clinical.persistence.EncounterStore;
import org.shifo.identity.BranchId;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentLookup;
import org.shifo.terminology.CodeCheck;
import org.shifo.terminology.Terminology;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of an encounter: open it (by hand, or when a doctor starts a visit or a queue ticket), write its
 * note, record vitals and diagnoses, close it, amend it after closing (keeping the previous version), and read a
 * patient's chart. Every write is audited in its transaction; every read is audited after it.
 *
 * <p>Who may change an encounter: while OPEN, a doctor or an administrator who works in its branch (nurses record
 * vitals); once CLOSED, only its author or an administrator, by an amendment with a reason.
 */
@Service
public class EncounterDesk {

    /** The longest page of a chart. */
    public static final int MAX_PAGE = 100;

    private final EncounterStore store;
    private final PatientDirectory patients;
    private final StaffDirectory staff;
    private final AppointmentLookup appointments;
    private final Terminology terminology;
    private final Templates templates;
    private final LabResultBook labResults;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Clock clock;

    EncounterDesk(
            EncounterStore store,
            PatientDirectory patients,
            StaffDirectory staff,
            AppointmentLookup appointments,
            Terminology terminology,
            Templates templates,
            LabResultBook labResults,
            AuditLog audit,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.patients = patients;
        this.staff = staff;
        this.appointments = appointments;
        this.terminology = terminology;
        this.templates = templates;
        this.labResults = labResults;
        this.audit = audit;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    /** What a request to open an encounter names, as sent (ids are checked here, to name the field). */
    public record OpenInput(
            @Nullable String patientId,
            @Nullable String practitionerId,
            @Nullable String appointmentId,
            @Nullable String branchId,
            @Nullable String template) {}

    /** An encounter opened, and whether it was new (else it already existed for the appointment). */
    public record Opened(EncounterView view, boolean created) {}

    /**
     * Opens an encounter for a patient with a practitioner; for an appointment that already has one, answers
     * that one.
     */
    public Opened open(OpenInput input, Locale language) {
        List<Violation> violations = new ArrayList<>();
        UUID patientId = requiredId("patientId", input.patientId(), violations);
        UUID practitionerId = requiredId("practitionerId", input.practitionerId(), violations);
        UUID appointmentId = optionalId("appointmentId", input.appointmentId(), violations);
        UUID branchId = optionalId("branchId", input.branchId(), violations);
        String template = blankToNull(input.template());
        if (template != null && !templates.exists(template)) {
            violations.add(Violation.of(
                    "template", "unknown-template", "must be one of " + String.join(", ", Templates.NAMES)));
        }
        if (!violations.isEmpty()) {
            throw ClinicalRuleException.invalid(violations);
        }
        TenantId tenant = TenantContext.require();
        Opened opened = inTransaction(() -> {
            PatientDirectory.Entry patient = activePatient(tenant, Objects.requireNonNull(patientId));
            UUID branch = branchId;
            if (appointmentId != null) {
                AppointmentLookup.Summary appointment = appointments
                        .find(tenant, new AppointmentId(appointmentId))
                        .orElseThrow(() -> ClinicalRuleException.invalid(
                                Violation.of("appointmentId", "unknown", "names no appointment of this clinic")));
                if (!appointment.patient().value().equals(patientId)
                        || !appointment.practitioner().value().equals(practitionerId)) {
                    throw ClinicalRuleException.refused(Violation.of(
                            "appointmentId",
                            "appointment-mismatch",
                            "is an appointment of another patient or practitioner"));
                }
                branch = appointment.branch().value();
                Optional<Encounter> existing = store.findByAppointment(tenant.value(), appointmentId);
                if (existing.isPresent()) {
                    return new Opened(view(tenant, existing.get()), false);
                }
            }
            StaffDirectory.Member doctor = staff.member(tenant, new UserId(Objects.requireNonNull(practitionerId)))
                    .filter(StaffDirectory.Member::active)
                    .orElseThrow(() -> ClinicalRuleException.invalid(
                            Violation.of("practitionerId", "unknown", "names no active staff member of this clinic")));
            if (branch == null) {
                branch = doctor.roles().stream()
                        .filter(role -> role.role() == Role.DOCTOR)
                        .map(role -> role.branchId().value())
                        .findFirst()
                        .orElse(null);
            }
            if (branch == null || !doctor.hasRoleIn(new BranchId(branch), Role.DOCTOR)) {
                throw ClinicalRuleException.refused(
                        Violation.of("practitionerId", "not-a-doctor", "is not a doctor of the encounter's branch"));
            }
            requireWorksIn(new BranchId(branch));
            Encounter created = create(
                    tenant, patient.id().value(), practitionerId, branch, appointmentId, null, template, language);
            return new Opened(view(tenant, created), true);
        });
        return opened;
    }

    /**
     * Opens the encounter of a visit a doctor started (a checked-in appointment or a queue ticket), inside that
     * transaction; an encounter already open for the appointment or ticket is kept (and learns the ticket).
     */
    public void openForVisit(
            TenantId tenant,
            UUID patient,
            UUID practitioner,
            UUID branch,
            @Nullable UUID appointment,
            @Nullable UUID ticket) {
        Optional<Encounter> existing =
                appointment == null ? Optional.empty() : store.findByAppointment(tenant.value(), appointment);
        if (existing.isEmpty() && ticket != null) {
            existing = store.findByTicket(tenant.value(), ticket);
        }
        if (existing.isPresent()) {
            if (ticket != null && existing.get().ticketId() == null) {
                store.attachTicket(tenant.value(), existing.get().id(), ticket, clock.instant());
            }
            return;
        }
        create(tenant, patient, practitioner, branch, appointment, ticket, null, Locale.ENGLISH);
    }

    private Encounter create(
            TenantId tenant,
            UUID patient,
            UUID practitioner,
            UUID branch,
            @Nullable UUID appointment,
            @Nullable UUID ticket,
            @Nullable String template,
            Locale language) {
        Instant now = clock.instant();
        NoteSections notes = template == null
                ? NoteSections.EMPTY
                : NoteSections.EMPTY.prefill(templates.sections(template, language));
        UUID actor = CurrentUser.find().map(s -> s.userId().value()).orElse(practitioner);
        Encounter encounter = new Encounter(
                UUID.randomUUID(),
                patient,
                practitioner,
                branch,
                appointment,
                ticket,
                EncounterStatus.OPEN,
                template,
                notes,
                1,
                now,
                null,
                null,
                actor,
                now);
        store.insert(tenant.value(), encounter, now);
        audit.record(event(tenant, "encounter.open", encounter));
        return encounter;
    }

    /** One encounter with its vitals and diagnoses (the read is audited). */
    public EncounterView get(UUID id) {
        TenantId tenant = TenantContext.require();
        EncounterView view = read(() -> view(tenant, existing(tenant, id)));
        audit.recordRead(event(tenant, "encounter.read", view.encounter()));
        return view;
    }

    /**
     * The patient of an encounter, for a page that returns to the chart after a change (not audited: an id only;
     * the change and the chart it shows next are).
     */
    public UUID patientOf(UUID id) {
        TenantId tenant = TenantContext.require();
        return read(() -> existing(tenant, id).patientId());
    }

    /** A page of a patient's chart, newest first, and the cursor of the next page when there is one. */
    public record ChartPage(PatientDirectory.Entry patient, List<EncounterView> encounters, @Nullable String next) {}

    /**
     * A patient's encounters started before the cursor (none: the newest), {@code limit} of them, each with its
     * vitals and diagnoses: three queries whatever the page size, so a long history never slows the chart.
     */
    public ChartPage chart(UUID patientId, @Nullable String before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ClinicalRuleException.invalid(
                    Violation.of("limit", "range", "must be between 1 and " + MAX_PAGE, 1, MAX_PAGE));
        }
        Cursor cursor = before == null || before.isBlank() ? null : Cursor.parse(before);
        TenantId tenant = TenantContext.require();
        ChartPage page = read(() -> {
            PatientDirectory.Entry patient = patients.find(tenant, new PatientId(patientId))
                    .orElseThrow(() -> new ClinicalNotFoundException("patient"));
            List<Encounter> found = store.page(new EncounterStore.Page(
                    tenant.value(),
                    patientId,
                    cursor == null ? null : cursor.start(),
                    cursor == null ? null : cursor.id(),
                    limit + 1));
            List<Encounter> shown = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? Cursor.of(shown.getLast()) : null;
            return new ChartPage(patient, views(tenant, shown, patient), next);
        });
        AuditEvent event = AuditEvent.of(
                        tenant.value(),
                        CurrentUser.auditActor("clinical"),
                        "encounter.chart",
                        "patient",
                        patientId.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("encounters", Integer.toString(page.encounters().size()));
        audit.recordRead(event);
        return page;
    }

    /** A patient's vitals of the last {@code days} days, oldest first, for the trend charts (audited). */
    public List<Vitals> vitalsTrend(UUID patientId, int days) {
        TenantId tenant = TenantContext.require();
        List<Vitals> trend = read(() -> {
            if (patients.find(tenant, new PatientId(patientId)).isEmpty()) {
                throw new ClinicalNotFoundException("patient");
            }
            return store.vitalsSince(
                    tenant.value(), patientId, clock.instant().minus(java.time.Duration.ofDays(days)), 1000);
        });
        audit.recordRead(AuditEvent.of(
                        tenant.value(),
                        CurrentUser.auditActor("clinical"),
                        "vitals.trend",
                        "patient",
                        patientId.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("points", Integer.toString(trend.size())));
        return trend;
    }

    /**
     * Replaces the sections given (null sections stay as they are) of an open encounter, and applies a template
     * to the empty ones when one is named: what the autosave of the chart page sends.
     */
    public EncounterView writeNotes(UUID id, Map<String, @Nullable String> sections, @Nullable String template) {
        String chosen = blankToNull(template);
        if (chosen != null && !templates.exists(chosen)) {
            throw ClinicalRuleException.invalid(Violation.of(
                    "template", "unknown-template", "must be one of " + String.join(", ", Templates.NAMES)));
        }
        TenantId tenant = TenantContext.require();
        return inTransaction(() -> {
            Encounter current = lockedOpen(tenant, id);
            requireMayWrite(current);
            NoteSections notes = current.notes().merge(sections);
            if (chosen != null) {
                notes = notes.prefill(templates.sections(chosen, patientLanguage()));
            }
            checkNotes(notes);
            if (notes.equals(current.notes()) && Objects.equals(chosen, current.template())) {
                return view(tenant, current);
            }
            Encounter changed = current.withNotes(notes, chosen == null ? current.template() : chosen, clock.instant());
            store.update(tenant.value(), changed);
            audit.record(event(tenant, "encounter.notes", changed));
            return view(tenant, changed);
        });
    }

    /** Vitals as recorded, with the time zone of the encounter's branch to show them in. */
    public record RecordedVitals(Vitals vitals, ZoneId zone) {}

    /** Records a set of vital signs on an open encounter: impossible values refused, abnormal ones flagged. */
    public RecordedVitals recordVitals(UUID id, VitalSigns signs) {
        TenantId tenant = TenantContext.require();
        return inTransaction(() -> {
            Encounter encounter = lockedOpen(tenant, id);
            requireWorksIn(new BranchId(encounter.branchId()));
            PatientDirectory.Entry patient = activePatient(tenant, encounter.patientId());
            ZoneId zone = zone(tenant, encounter.branchId());
            VitalsRules.Outcome outcome = VitalsRules.check(signs, clock.instant(), patient.birthDate(), zone);
            Vitals vitals = new Vitals(
                    UUID.randomUUID(),
                    encounter.id(),
                    encounter.patientId(),
                    signs.measuredAt(),
                    signs.systolic(),
                    signs.diastolic(),
                    signs.pulse(),
                    signs.respiratoryRate(),
                    outcome.temperatureC(),
                    signs.spo2(),
                    outcome.weightKg(),
                    outcome.heightCm(),
                    outcome.bmi(),
                    signs.painScore(),
                    outcome.flags(),
                    actorId(encounter),
                    clock.instant());
            store.insertVitals(tenant.value(), vitals);
            audit.record(event(tenant, "vitals.record", encounter)
                    .withDetail("vitals", vitals.id().toString())
                    .withDetail("flags", Integer.toString(vitals.flags().size())));
            return new RecordedVitals(vitals, zone);
        });
    }

    /** What a diagnosis entry sends, as sent. */
    public record DiagnosisInput(
            @Nullable String system,
            @Nullable String code,
            @Nullable String kind,
            @Nullable String status,
            @Nullable String onsetDate) {}

    /**
     * Adds a diagnosis to an open encounter. The code must be recordable in the imported code sets (else a 422
     * that carries the nearest valid codes); with no set of the system imported, it is checked by its
     * structure only and stored unverified.
     */
    public Diagnosis addDiagnosis(UUID id, DiagnosisInput input, Locale language) {
        List<Violation> violations = new ArrayList<>();
        String system = null;
        if (input.system() == null || input.system().isBlank()) {
            violations.add(Violation.of("system", "required", "is required"));
        } else {
            system = terminology.system(input.system().strip()).orElse(null);
            if (system == null) {
                violations.add(Violation.of(
                        "system", "unknown-system", "is not a known code system (use ICD-10 or ICD-10-CM)"));
            }
        }
        if (input.code() == null || input.code().isBlank()) {
            violations.add(Violation.of("code", "required", "is required"));
        }
        DiagnosisKind kind = enumValue("kind", input.kind(), DiagnosisKind.class, null, violations);
        DiagnosisStatus status =
                enumValue("status", input.status(), DiagnosisStatus.class, DiagnosisStatus.CONFIRMED, violations);
        LocalDate onset = null;
        if (input.onsetDate() != null && !input.onsetDate().isBlank()) {
            try {
                onset = LocalDate.parse(input.onsetDate().strip());
            } catch (DateTimeParseException e) {
                violations.add(Violation.of("onsetDate", "date-format", "must be a date like 2026-11-22"));
            }
        }
        if (!violations.isEmpty()) {
            throw ClinicalRuleException.invalid(violations);
        }
        String chosenSystem = Objects.requireNonNull(system);
        DiagnosisKind chosenKind = Objects.requireNonNull(kind);
        DiagnosisStatus chosenStatus = Objects.requireNonNull(status);
        LocalDate chosenOnset = onset;
        TenantId tenant = TenantContext.require();
        return inTransaction(() -> {
            Encounter encounter = lockedOpen(tenant, id);
            requireMayWrite(encounter);
            PatientDirectory.Entry patient = activePatient(tenant, encounter.patientId());
            if (chosenOnset != null) {
                LocalDate today = LocalDate.ofInstant(clock.instant(), zone(tenant, encounter.branchId()));
                if (chosenOnset.isAfter(today)) {
                    throw ClinicalRuleException.refused(
                            Violation.of("onsetDate", "in-future", "must not be in the future"));
                }
                if (chosenOnset.isBefore(patient.birthDate())) {
                    throw ClinicalRuleException.refused(Violation.of(
                            "onsetDate",
                            "before-birth",
                            "must not be before the patient's birth (" + patient.birthDate() + ")",
                            patient.birthDate()));
                }
            }
            CodeCheck check = terminology.check(
                    chosenSystem, Objects.requireNonNull(input.code()).strip(), language.getLanguage());
            if (!check.verdict().recordable()) {
                throw new UnrecordableCodeException(check);
            }
            List<Diagnosis> current = store.diagnosesOf(tenant.value(), List.of(encounter.id()));
            if (chosenKind == DiagnosisKind.PRIMARY
                    && current.stream().anyMatch(d -> d.kind() == DiagnosisKind.PRIMARY)) {
                throw new ClinicalConflictException(
                        "primary-exists",
                        "The encounter already has a primary diagnosis; remove it or add this one as secondary.");
            }
            if (current.stream()
                    .anyMatch(d -> d.system().equals(check.system()) && d.code().equals(check.code()))) {
                throw new ClinicalConflictException(
                        "diagnosis-exists", "The encounter already has the diagnosis " + check.code() + ".");
            }
            Diagnosis diagnosis = new Diagnosis(
                    UUID.randomUUID(),
                    encounter.id(),
                    encounter.patientId(),
                    check.system(),
                    check.code(),
                    check.display() == null || check.display().isBlank() ? check.code() : check.display(),
                    check.verdict() == CodeCheck.Verdict.VALID,
                    chosenKind,
                    chosenStatus,
                    chosenOnset,
                    actorId(encounter),
                    clock.instant());
            try {
                store.insertDiagnosis(tenant.value(), diagnosis);
            } catch (DuplicateKeyException raced) {
                throw new ClinicalConflictException(
                        "diagnosis-exists", "The encounter's diagnoses changed meanwhile; reload and try again.");
            }
            audit.record(event(tenant, "diagnosis.add", encounter)
                    .withDetail("diagnosis", diagnosis.id().toString())
                    .withDetail("code", diagnosis.code()));
            return diagnosis;
        });
    }

    /** Removes a diagnosis from an open encounter (the row is kept, marked removed). */
    public void removeDiagnosis(UUID id, UUID diagnosis) {
        TenantId tenant = TenantContext.require();
        inTransaction(() -> {
            Encounter encounter = lockedOpen(tenant, id);
            requireMayWrite(encounter);
            if (!store.removeDiagnosis(tenant.value(), id, diagnosis, actorId(encounter), clock.instant())) {
                throw new ClinicalNotFoundException("diagnosis");
            }
            audit.record(event(tenant, "diagnosis.remove", encounter).withDetail("diagnosis", diagnosis.toString()));
            return null;
        });
    }

    /** Closes an open encounter; it needs a primary diagnosis that is not ruled out. */
    public EncounterView close(UUID id) {
        TenantId tenant = TenantContext.require();
        return inTransaction(() -> {
            Encounter encounter = lockedOpen(tenant, id);
            requireMayWrite(encounter);
            Diagnosis primary = store.diagnosesOf(tenant.value(), List.of(id)).stream()
                    .filter(d -> d.kind() == DiagnosisKind.PRIMARY && d.status() != DiagnosisStatus.RULED_OUT)
                    .findFirst()
                    .orElseThrow(() -> new ClinicalConflictException(
                            "primary-diagnosis-required",
                            "An encounter is closed with a primary diagnosis that is not ruled out; add one first."));
            Instant now = clock.instant();
            Encounter closed = encounter.closed(actorId(encounter), now);
            store.update(tenant.value(), closed);
            audit.record(event(tenant, "encounter.close", closed));
            events.publishEvent(new EncounterClosed(
                    tenant,
                    closed.id(),
                    new PatientId(closed.patientId()),
                    new UserId(closed.practitionerId()),
                    new BranchId(closed.branchId()),
                    primary.system(),
                    primary.code(),
                    now));
            return view(tenant, closed);
        });
    }

    /**
     * Amends a closed encounter's note: only its author or an administrator, with a reason; the version before
     * the change is kept in the encounter's history.
     */
    public EncounterView amend(UUID id, Map<String, @Nullable String> sections, @Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw ClinicalRuleException.invalid(
                    Violation.of("reason", "required", "is required: say why the closed record changes"));
        }
        if (reason.strip().length() > 1000) {
            throw ClinicalRuleException.invalid(
                    Violation.of("reason", "too-long", "must be at most 1000 characters", 1000));
        }
        TenantId tenant = TenantContext.require();
        return inTransaction(() -> {
            Encounter current =
                    store.lock(tenant.value(), id).orElseThrow(() -> new ClinicalNotFoundException("encounter"));
            if (current.isOpen()) {
                throw new ClinicalConflictException(
                        "encounter-open",
                        "The encounter is still open: change its note directly, no amendment needed.");
            }
            Staff member = CurrentUser.get();
            if (!member.hasRole(Role.ADMIN) && !member.userId().value().equals(current.practitionerId())) {
                throw new AccessDeniedException("only the author or an administrator amends a closed encounter");
            }
            NoteSections notes = current.notes().merge(sections);
            checkNotes(notes);
            if (notes.equals(current.notes())) {
                throw ClinicalRuleException.invalid(
                        Violation.of("sections", "no-change", "the amendment changes nothing in the note"));
            }
            Instant now = clock.instant();
            store.insertVersion(
                    tenant.value(),
                    new EncounterVersion(
                            current.id(),
                            current.version(),
                            current.notes(),
                            member.userId().value(),
                            now,
                            reason.strip()));
            Encounter amended = current.amended(notes, now);
            store.update(tenant.value(), amended);
            audit.record(event(tenant, "encounter.amend", amended)
                    .withDetail("previousVersion", Integer.toString(current.version())));
            return view(tenant, amended);
        });
    }

    /** The previous versions of an encounter, newest first (audited). */
    public List<EncounterVersion> versions(UUID id) {
        TenantId tenant = TenantContext.require();
        List<EncounterVersion> versions = read(() -> {
            existing(tenant, id);
            return store.versions(tenant.value(), id);
        });
        audit.recordRead(AuditEvent.of(
                tenant.value(),
                CurrentUser.auditActor("clinical"),
                "encounter.versions",
                "encounter",
                id.toString(),
                AuditOutcome.SUCCESS));
        return versions;
    }

    /** The code check a refused diagnosis carries, for the 422 with suggestions. */
    public static final class UnrecordableCodeException extends RuntimeException {

        private final transient CodeCheck check;

        UnrecordableCodeException(CodeCheck check) {
            super("code " + check.verdict());
            this.check = check;
        }

        public CodeCheck check() {
            return check;
        }
    }

    private void checkNotes(NoteSections notes) {
        List<Violation> violations = notes.violations();
        if (!violations.isEmpty()) {
            throw ClinicalRuleException.invalid(violations);
        }
    }

    private Encounter existing(TenantId tenant, UUID id) {
        return store.find(tenant.value(), id).orElseThrow(() -> new ClinicalNotFoundException("encounter"));
    }

    private Encounter lockedOpen(TenantId tenant, UUID id) {
        Encounter encounter =
                store.lock(tenant.value(), id).orElseThrow(() -> new ClinicalNotFoundException("encounter"));
        if (!encounter.isOpen()) {
            throw new ClinicalConflictException(
                    "encounter-closed",
                    "The encounter is closed; its author or an administrator may amend it with a reason.");
        }
        return encounter;
    }

    private void requireMayWrite(Encounter encounter) {
        Staff member = CurrentUser.get();
        BranchId branch = new BranchId(encounter.branchId());
        if (!member.hasRole(Role.ADMIN) && !member.hasRoleIn(branch, Role.DOCTOR)) {
            throw new AccessDeniedException("only a doctor of the encounter's branch or an administrator writes it");
        }
    }

    private static void requireWorksIn(BranchId branch) {
        if (!CurrentUser.worksIn(branch)) {
            throw new AccessDeniedException("the caller does not work in the encounter's branch");
        }
    }

    private PatientDirectory.Entry activePatient(TenantId tenant, UUID patientId) {
        PatientDirectory.Entry patient = patients.find(tenant, new PatientId(patientId))
                .orElseThrow(() -> ClinicalRuleException.invalid(
                        Violation.of("patientId", "unknown", "names no patient of this clinic")));
        if (patient.merged()) {
            throw ClinicalRuleException.refused(Violation.of(
                    "patientId",
                    "merged",
                    "was merged into record " + patient.mergedInto() + "; use that record",
                    String.valueOf(patient.mergedInto())));
        }
        return patient;
    }

    private UUID actorId(Encounter encounter) {
        return CurrentUser.find().map(s -> s.userId().value()).orElse(encounter.practitionerId());
    }

    private static Locale patientLanguage() {
        return CurrentUser.find().map(s -> Locale.of(s.language())).orElse(Locale.ENGLISH);
    }

    private ZoneId zone(TenantId tenant, UUID branch) {
        return staff.branch(tenant, new BranchId(branch))
                .map(StaffDirectory.Branch::timeZone)
                .orElse(ZoneId.of("Asia/Tashkent"));
    }

    private EncounterView view(TenantId tenant, Encounter encounter) {
        PatientDirectory.Entry patient =
                patients.find(tenant, new PatientId(encounter.patientId())).orElse(null);
        return views(tenant, List.of(encounter), patient).getFirst();
    }

    private List<EncounterView> views(
            TenantId tenant, List<Encounter> encounters, PatientDirectory.@Nullable Entry patient) {
        if (encounters.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = encounters.stream().map(Encounter::id).toList();
        Map<UUID, List<Vitals>> vitals =
                store.vitalsOf(tenant.value(), ids).stream().collect(Collectors.groupingBy(Vitals::encounterId));
        Map<UUID, List<Diagnosis>> diagnoses =
                store.diagnosesOf(tenant.value(), ids).stream().collect(Collectors.groupingBy(Diagnosis::encounterId));
        Map<UUID, List<LabResultBook.Shown>> labs = labResults.ofEncounters(tenant, ids);
        Map<UserId, String> names = staff.fullNames(
                tenant,
                encounters.stream().map(e -> new UserId(e.practitionerId())).collect(Collectors.toSet()));
        Map<BranchId, StaffDirectory.Branch> branches = staff.branches(tenant).stream()
                .collect(Collectors.toMap(StaffDirectory.Branch::id, Function.identity()));
        return encounters.stream()
                .map(e -> {
                    StaffDirectory.Branch branch = branches.get(new BranchId(e.branchId()));
                    return new EncounterView(
                            e,
                            patient,
                            names.getOrDefault(new UserId(e.practitionerId()), ""),
                            branch == null ? "" : branch.name(),
                            branch == null ? ZoneId.of("Asia/Tashkent") : branch.timeZone(),
                            vitals.getOrDefault(e.id(), List.of()),
                            diagnoses.getOrDefault(e.id(), List.of()),
                            labs.getOrDefault(e.id(), List.of()));
                })
                .toList();
    }

    private AuditEvent event(TenantId tenant, String action, Encounter encounter) {
        return AuditEvent.of(
                        tenant.value(),
                        CurrentUser.auditActor("clinical"),
                        action,
                        "encounter",
                        encounter.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("patient", encounter.patientId().toString())
                .withDetail("status", encounter.status().name());
    }

    private <T> T inTransaction(Supplier<T> work) {
        return Objects.requireNonNull(transactions.execute(status -> work.get()));
    }

    private <T> T read(Supplier<T> work) {
        return Objects.requireNonNull(reads.execute(status -> work.get()));
    }

    private static @Nullable UUID requiredId(String field, @Nullable String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        return optionalId(field, value, violations);
    }

    private static @Nullable UUID optionalId(String field, @Nullable String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of(field, "id-format", "must be an id like 0190f1c2-5a6b-7c8d-9e0f-112233445566"));
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E enumValue(
            String field, @Nullable String value, Class<E> type, @Nullable E fallback, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                violations.add(Violation.of(field, "required", "is required"));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "));
            violations.add(Violation.of(field, "unknown-value", "must be one of " + allowed, allowed));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A chart page's position: the start and id of the last encounter shown. */
    record Cursor(Instant start, UUID id) {

        static String of(Encounter last) {
            return last.startedAt().toString() + "_" + last.id();
        }

        static Cursor parse(String text) {
            int split = text.indexOf('_');
            try {
                if (split < 0) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Cursor(
                        OffsetDateTime.parse(text.substring(0, split)).toInstant(),
                        UUID.fromString(text.substring(split + 1)));
            } catch (RuntimeException e) {
                throw ClinicalRuleException.invalid(
                        Violation.of("before", "cursor", "must be the 'next' value of a previous page"));
            }
        }
    }
}
