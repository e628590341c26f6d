package org.shifo.clinical.lab;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.clinical.LabResultRecorded;
import org.shifo.clinical.LabResultsReleased;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.terminology.LabCatalogue;
import org.shifo.terminology.LabTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records laboratory results and lists them. A result is checked against the clinic's catalogue (known test,
 * value of the test's type, a permitted or convertible unit, a possible value, collected neither in the future
 * nor before the patient's birth), converted to the catalogue's unit, flagged against the range for the
 * patient's sex and age on the day of collection, stored with a copy of that range, audited, and announced as
 * {@link LabResultRecorded} in the same transaction.
 */
@Service
public class LabResultBook {

    /** A collection time may be this far ahead of the server's clock (a device whose clock runs fast). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final int MAX_NOTE = 2000;
    static final int MAX_VALUE_TEXT = 200;
    public static final int MAX_LIST = 1000;

    private final LabResultStore store;
    private final LabCatalogue catalogue;
    private final PatientDirectory patients;
    private final BranchTimeZones zones;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    LabResultBook(
            LabResultStore store,
            LabCatalogue catalogue,
            PatientDirectory patients,
            BranchTimeZones zones,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.catalogue = catalogue;
        this.patients = patients;
        this.zones = zones;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A result as a client sends it. {@code value} is a {@link BigDecimal} (a JSON number), a {@link String}, or
     * anything else (which is of the wrong type for every test).
     */
    public record RecordInput(
            @Nullable String testCode,
            @Nullable Object value,
            @Nullable String unit,
            @Nullable String collectedAt,
            @Nullable String encounterId,
            @Nullable String note) {}

    /** A result with the test it was checked against (null when the clinic no longer has the test). */
    public record Shown(LabResult result, @Nullable LabTest test) {}

    /** Checks, flags, stores, audits and announces a result; a {@link LabResultRuleException} stores nothing. */
    public Shown record(PatientId patient, RecordInput input, LabResult.Source source) {
        TenantId tenant = TenantContext.require();
        Staff staff = CurrentUser.get();
        ZoneId zone = zones.of(staff);
        Shown shown = transactions.execute(status -> {
            Shown evaluated = evaluate(tenant, staff, zone, patient, input, source);
            LabResult result = evaluated.result();
            store.insert(tenant.value(), result);
            audit.record(AuditEvent.of(
                            tenant.value(),
                            staff.auditActor(),
                            "lab_result.record",
                            "lab_result",
                            result.id().toString(),
                            AuditOutcome.SUCCESS)
                    .withDetail("patient", patient.value().toString())
                    .withDetail("test", result.testCode()));
            events.publishEvent(new LabResultRecorded(
                    tenant,
                    result.id(),
                    patient,
                    result.testCode(),
                    result.flag(),
                    result.critical(),
                    result.collectedAt()));
            return evaluated;
        });
        return java.util.Objects.requireNonNull(shown);
    }

    /** What a release did: the ids newly released (empty when everything asked for was released already). */
    public record Release(List<UUID> released, Instant at) {}

    /**
     * A doctor releases the patient's results to the patient: those of {@code resultIds}, or every result not yet
     * released when null. Results released before are left as they were (a repeated release is harmless); an id
     * that is not a result of this patient is a {@link LabResultRuleException} and releases nothing. Audited, and
     * announced as {@link LabResultsReleased} in the same transaction when something was released.
     */
    public Release release(PatientId patient, @Nullable List<String> resultIds) {
        TenantId tenant = TenantContext.require();
        Staff staff = CurrentUser.get();
        Release release = transactions.execute(status -> {
            PatientDirectory.Entry entry = patients.find(tenant, patient).orElseThrow(LabPatientNotFoundException::new);
            if (entry.merged()) {
                throw new LabResultRuleException(
                        List.of(LabViolation.of(
                                "patientId",
                                "patient-merged",
                                "the record was merged into {0}; record the result there",
                                String.valueOf(entry.mergedInto()))),
                        List.of(),
                        List.of(),
                        true);
            }
            List<UUID> ids = resultIds == null ? null : resultIds(tenant, patient, resultIds);
            Instant now = clock.instant();
            List<UUID> released = store.release(
                    tenant.value(), patient.value(), ids, staff.userId().value(), now);
            if (!released.isEmpty()) {
                audit.record(AuditEvent.of(
                                tenant.value(),
                                staff.auditActor(),
                                "lab_result.release",
                                "patient",
                                patient.value().toString(),
                                AuditOutcome.SUCCESS)
                        .withDetail("results", Integer.toString(released.size())));
                events.publishEvent(new LabResultsReleased(tenant, patient, released, staff.userId(), now));
            }
            return new Release(released, now);
        });
        return java.util.Objects.requireNonNull(release);
    }

    private List<UUID> resultIds(TenantId tenant, PatientId patient, List<String> given) {
        if (given.isEmpty() || given.size() > MAX_LIST) {
            throw new LabResultRuleException(
                    List.of(LabViolation.of(
                            "resultIds", "release-count", "names 1 to {0} results, or is left out", MAX_LIST)),
                    List.of(),
                    List.of(),
                    false);
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : given) {
            try {
                ids.add(UUID.fromString(id == null ? "" : id.strip()));
            } catch (IllegalArgumentException notAnId) {
                throw new LabResultRuleException(
                        List.of(LabViolation.of(
                                "resultIds", "not-a-result", "names a result this patient does not have")),
                        List.of(),
                        List.of(),
                        false);
            }
        }
        List<UUID> known = store.ofPatient(tenant.value(), patient.value(), ids);
        if (!new java.util.HashSet<>(known).containsAll(ids)) {
            throw new LabResultRuleException(
                    List.of(LabViolation.of("resultIds", "not-a-result", "names a result this patient does not have")),
                    List.of(),
                    List.of(),
                    false);
        }
        return ids;
    }

    /**
     * What {@link #record} would store (the converted value, the flag and the range), without storing anything:
     * the entry page's inline check. Not audited: it shows no stored data.
     */
    public Shown preview(PatientId patient, RecordInput input) {
        TenantId tenant = TenantContext.require();
        Staff staff = CurrentUser.get();
        ZoneId zone = zones.of(staff);
        Shown shown = readOnly.execute(status -> evaluate(tenant, staff, zone, patient, input, LabResult.Source.UI));
        return java.util.Objects.requireNonNull(shown);
    }

    private Shown evaluate(
            TenantId tenant, Staff staff, ZoneId zone, PatientId patient, RecordInput input, LabResult.Source source) {
        PatientDirectory.Entry entry = patients.find(tenant, patient).orElseThrow(LabPatientNotFoundException::new);
        Checked checked = check(tenant, entry, input, zone);
        Instant now = clock.instant();
        LabTest test = checked.test();
        BigDecimal value = checked.value();
        LabInterpretation interpretation = value == null
                ? new LabInterpretation(null, null)
                : LabInterpretation.of(
                        test,
                        value,
                        sexOf(entry.sex()),
                        entry.birthDate(),
                        checked.collectedAt().atZone(zone).toLocalDate());
        LabTest.ReferenceRange range = interpretation.range();
        LabResult result = new LabResult(
                uuidV7(now),
                patient.value(),
                checked.encounter(),
                test.code(),
                test.system().name(),
                test.valueType().name(),
                checked.valueText(),
                checked.entered(),
                checked.unit(),
                value,
                test.unit(),
                interpretation.flag(),
                interpretation.isCritical(),
                range == null
                        ? null
                        : new LabResult.Range(
                                range.sex().name(),
                                range.ageFrom().toString(),
                                range.ageTo() == null ? null : String.valueOf(range.ageTo()),
                                range.low(),
                                range.high(),
                                range.source(),
                                test.replaceWithLaboratoryRanges()),
                test.criticalLow(),
                test.criticalHigh(),
                checked.collectedAt(),
                staff.userId().value(),
                now,
                source,
                checked.note(),
                null,
                null);
        return new Shown(result, test);
    }

    /**
     * The results recorded with these encounters, by encounter, each with its test: for a chart page, in the
     * caller's transaction (the caller audits the page it shows them on).
     */
    public Map<UUID, List<Shown>> ofEncounters(TenantId tenant, List<UUID> encounters) {
        if (encounters.isEmpty()) {
            return Map.of();
        }
        List<LabResult> results = store.ofEncounters(tenant.value(), encounters);
        if (results.isEmpty()) {
            return Map.of();
        }
        Map<String, LabTest> tests = new HashMap<>();
        for (LabTest test : catalogue.all()) {
            tests.put(test.code(), test);
        }
        Map<UUID, List<Shown>> byEncounter = new HashMap<>();
        for (LabResult result : results) {
            byEncounter
                    .computeIfAbsent(java.util.Objects.requireNonNull(result.encounterId()), id -> new ArrayList<>())
                    .add(new Shown(result, tests.get(result.testCode())));
        }
        return byEncounter;
    }

    /**
     * A patient's results newest first, of one test (by its code or an alias) when {@code testCode} is given;
     * audited as a read of the patient's results.
     */
    public List<Shown> list(PatientId patient, @Nullable String testCode, int limit) {
        TenantId tenant = TenantContext.require();
        List<Shown> shown = readOnly.execute(status -> {
            if (patients.find(tenant, patient).isEmpty()) {
                throw new LabPatientNotFoundException();
            }
            String code = null;
            if (testCode != null && !testCode.isBlank()) {
                code = catalogue.find(testCode).map(LabTest::code).orElse(testCode.strip());
            }
            var tests = new java.util.HashMap<String, LabTest>();
            for (LabTest test : catalogue.all()) {
                tests.put(test.code(), test);
            }
            return store.list(tenant.value(), patient.value(), code, Math.clamp(limit, 1, MAX_LIST)).stream()
                    .map(result -> new Shown(result, tests.get(result.testCode())))
                    .toList();
        });
        audit.recordRead(AuditEvent.of(
                        tenant.value(),
                        CurrentUser.auditActor("clinical"),
                        "lab_result.list",
                        "patient",
                        patient.value().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail(
                        "results",
                        Integer.toString(java.util.Objects.requireNonNull(shown).size())));
        return shown;
    }

    /** The patient's short record, or a 404 for a patient the caller's organization does not have. */
    public PatientDirectory.Entry patient(PatientId patient) {
        TenantId tenant = TenantContext.require();
        return patients.find(tenant, patient).orElseThrow(LabPatientNotFoundException::new);
    }

    private record Checked(
            LabTest test,
            String valueText,
            @Nullable BigDecimal entered,
            String unit,
            @Nullable BigDecimal value,
            Instant collectedAt,
            @Nullable UUID encounter,
            @Nullable String note) {}

    private Checked check(TenantId tenant, PatientDirectory.Entry patient, RecordInput input, ZoneId zone) {
        List<LabViolation> violations = new ArrayList<>();
        List<LabTest> suggestions = List.of();
        List<String> permittedUnits = List.of();
        if (patient.merged()) {
            throw new LabResultRuleException(
                    List.of(LabViolation.of(
                            "patientId",
                            "patient-merged",
                            "the record was merged into {0}; record the result there",
                            String.valueOf(patient.mergedInto()))),
                    List.of(),
                    List.of(),
                    true);
        }
        // the test
        LabTest test = null;
        String code = input.testCode() == null ? "" : input.testCode().strip();
        if (code.isEmpty()) {
            violations.add(LabViolation.of("testCode", "required", "is required"));
        } else {
            test = catalogue.find(code).orElse(null);
            if (test == null) {
                suggestions = catalogue.suggest(code, 5);
                violations.add(
                        suggestions.isEmpty()
                                ? LabViolation.of("testCode", "unknown-test", "is not a test of the clinic's catalogue")
                                : LabViolation.of(
                                        "testCode",
                                        "unknown-test-suggest",
                                        "is not a test of the clinic's catalogue; did you mean {0}?",
                                        String.join(
                                                ", ",
                                                suggestions.stream()
                                                        .map(LabTest::code)
                                                        .toList())));
            }
        }
        // the value and its unit
        String valueText = "";
        BigDecimal entered = null;
        BigDecimal value = null;
        String unit = input.unit() == null ? "" : input.unit().strip();
        Object raw = input.value();
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            violations.add(LabViolation.of("value", "required", "is required"));
        } else if (test != null && test.valueType() == LabTest.ValueType.QUANTITY) {
            entered = number(raw);
            if (entered == null) {
                violations.add(LabViolation.of("value", "not-a-number", "must be a number, such as 5.4"));
            } else {
                valueText = raw instanceof String s ? s.strip() : entered.toPlainString();
                if (entered.signum() < 0) {
                    violations.add(LabViolation.of(
                            "value",
                            "negative",
                            "cannot be negative: a concentration, count or activity is 0 or more"));
                }
                if (unit.isEmpty()) {
                    permittedUnits = test.permittedUnits();
                    violations.add(LabViolation.of(
                            "unit",
                            "required-unit",
                            "is required; permitted units: {0}",
                            String.join(", ", permittedUnits)));
                } else {
                    var converted = test.toCatalogueUnit(entered, unit);
                    if (converted.isEmpty()) {
                        permittedUnits = test.permittedUnits();
                        violations.add(LabViolation.of(
                                "unit",
                                "unit-not-permitted",
                                "is not a unit of this test and cannot be converted; permitted units: {0}",
                                String.join(", ", permittedUnits)));
                    } else if (entered.signum() >= 0) {
                        value = LabTest.plain(converted.get());
                        unit = test.permittedUnit(unit).orElse(unit);
                        BigDecimal impossible = test.impossibleAbove();
                        if (value.signum() < 0) {
                            violations.add(LabViolation.of("value", "negative", "cannot be negative"));
                        } else if (impossible != null && value.compareTo(impossible) > 0) {
                            violations.add(LabViolation.of(
                                    "value",
                                    "impossible",
                                    "cannot be above {0} {1}",
                                    impossible.toPlainString(),
                                    test.unit()));
                        } else if (value.precision() - value.scale() > 12) {
                            violations.add(LabViolation.of("value", "too-large", "is too large"));
                        }
                    }
                }
            }
        } else if (test != null) {
            if (!(raw instanceof String s)) {
                violations.add(LabViolation.of("value", "not-text", "must be text, such as negative"));
            } else if (s.strip().length() > MAX_VALUE_TEXT || s.chars().anyMatch(Character::isISOControl)) {
                violations.add(LabViolation.of(
                        "value",
                        "bad-text",
                        "must be at most {0} characters without control characters",
                        MAX_VALUE_TEXT));
            } else {
                valueText = s.strip();
            }
            unit = unit.isEmpty() ? test.unit() : unit;
        }
        // when
        Instant collectedAt = null;
        String when = input.collectedAt();
        if (when == null || when.isBlank()) {
            violations.add(LabViolation.of("collectedAt", "required", "is required"));
        } else {
            try {
                collectedAt = OffsetDateTime.parse(when.strip()).toInstant();
            } catch (DateTimeParseException malformed) {
                violations.add(LabViolation.of(
                        "collectedAt",
                        "malformed-moment",
                        "must be an ISO 8601 date and time with its UTC offset, such as 2026-12-01T09:00:00+05:00"));
            }
            if (collectedAt != null) {
                if (collectedAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                    violations.add(LabViolation.of("collectedAt", "in-the-future", "cannot be in the future"));
                } else if (collectedAt.atZone(zone).toLocalDate().isBefore(patient.birthDate())) {
                    violations.add(LabViolation.of(
                            "collectedAt",
                            "before-birth",
                            "cannot be before the patient''s birth date {0}",
                            patient.birthDate().toString()));
                }
            }
        }
        // the encounter and the note
        UUID encounter = null;
        String encounterText = input.encounterId();
        if (encounterText != null && !encounterText.isBlank()) {
            try {
                if (encounterText.strip().length() != 36) {
                    throw new IllegalArgumentException("length");
                }
                encounter = UUID.fromString(encounterText.strip());
                if (!store.encounterOf(tenant.value(), encounter, patient.id().value())) {
                    violations.add(
                            LabViolation.of("encounterId", "unknown-encounter", "is not an encounter of this patient"));
                }
            } catch (IllegalArgumentException malformed) {
                violations.add(LabViolation.of("encounterId", "malformed-id", "must be an id (a UUID)"));
            }
        }
        String note = input.note() == null || input.note().isBlank()
                ? null
                : input.note().strip();
        if (note != null
                && (note.length() > MAX_NOTE || note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            violations.add(LabViolation.of(
                    "note", "bad-text", "must be at most {0} characters without control characters", MAX_NOTE));
        }
        if (!violations.isEmpty() || test == null || collectedAt == null) {
            throw new LabResultRuleException(violations, suggestions, permittedUnits, false);
        }
        return new Checked(test, valueText, entered, unit, value, collectedAt, encounter, note);
    }

    private static @Nullable BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal decimal) {
            return decimal;
        }
        if (raw instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (raw instanceof String text) {
            String t = text.strip().replace(',', '.');
            if (!t.matches("-?[0-9]{1,12}(\\.[0-9]{1,6})?")) {
                return null;
            }
            return new BigDecimal(t);
        }
        return null;
    }

    static LabTest.@Nullable Sex sexOf(PatientDirectory.AdministrativeSex sex) {
        return switch (sex) {
            case MALE -> LabTest.Sex.MALE;
            case FEMALE -> LabTest.Sex.FEMALE;
            case OTHER, UNKNOWN -> null;
        };
    }

    /** A time-ordered UUID (version 7): the time in its first 48 bits, then a random UUID's random bits. */
    static UUID uuidV7(Instant now) {
        UUID random = UUID.randomUUID();
        long high = (now.toEpochMilli() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
