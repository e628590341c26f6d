package org.shifo.patients.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.IdentifierType;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.Sex;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Patient records with their phones and identifiers, in the {@code patients} schema. */
@Repository
public class PatientStore {

    static final String COLUMNS =
            """
            p.id, p.tenant_id, p.record_number, p.family_name, p.given_name, p.patronymic, p.sex, p.birth_date,
            p.email, p.address_country, p.address_region, p.address_district, p.address_street, p.language,
            p.emergency_contact_name, p.emergency_contact_phone, p.emergency_contact_relation, p.notes,
            p.consent_sms, p.consent_telegram, p.consent_data_processing, p.consent_data_processing_on,
            p.status, p.merged_into, p.registered_anyway, p.created_at, p.updated_at, p.deleted_at, p.version
            """;

    private final JdbcClient jdbc;

    PatientStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next medical record number of the organization; the row lock is held until the transaction ends, so
     * the registry takes it in a transaction of its own. {@code alone} says this transaction does nothing else:
     * it then commits without waiting for the disk flush, which the registration's own commit, later in the
     * same WAL, makes durable with it. Should a crash still lose the step, the next registration meets the
     * unique record number and fails once: a number is never handed out twice.
     */
    public long nextRecordNumber(UUID tenant, boolean alone) {
        if (alone) {
            jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                    .query(String.class)
                    .single();
        }
        return nextRecordNumber(tenant);
    }

    /** The next medical record number of the organization; the row lock is held until the transaction ends. */
    public long nextRecordNumber(UUID tenant) {
        return jdbc.sql(
                        """
                        INSERT INTO patients.record_numbers (tenant_id, last_number) VALUES (:tenant, 1)
                        ON CONFLICT (tenant_id) DO UPDATE SET last_number = patients.record_numbers.last_number + 1
                        RETURNING last_number
                        """)
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }

    public void insert(PatientRecord record, @Nullable UUID createdBy) {
        PatientData d = record.data();
        jdbc.sql(
                        """
                        INSERT INTO patients.patients (id, tenant_id, record_number, family_name, given_name, patronymic,
                            sex, birth_date, email, address_country, address_region, address_district, address_street,
                            language, emergency_contact_name, emergency_contact_phone, emergency_contact_relation, notes,
                            consent_sms, consent_telegram, consent_data_processing, consent_data_processing_on, name_key,
                            status, registered_anyway, created_at, created_by, updated_at, version)
                        VALUES (:id, :tenant, :recordNumber, :family, :given, :patronymic, :sex, :birthDate, :email,
                            :country, :region, :district, :street, :language, :emergencyName, :emergencyPhone,
                            :emergencyRelation, :notes, :sms, :telegram, :dataProcessing, :dataProcessingOn, :nameKey,
                            'ACTIVE', :registeredAnyway, :now, :createdBy, :now, 0)
                        """)
                .param("id", record.id().value())
                .param("tenant", record.tenantId())
                .param("recordNumber", record.recordNumber())
                .params(dataParams(d))
                .param("registeredAnyway", record.registeredAnyway())
                .param("now", Timestamp.from(record.createdAt()))
                .param("createdBy", createdBy)
                .update();
        replaceDetails(record.tenantId(), record.id(), d);
    }

    /** Saves new data over a record at {@code expectedVersion}; returns the new version. */
    public int update(UUID tenant, PatientId id, PatientData d, int expectedVersion, Instant now) {
        int updated = jdbc.sql(
                        """
                        UPDATE patients.patients SET family_name = :family, given_name = :given, patronymic = :patronymic,
                            sex = :sex, birth_date = :birthDate, email = :email, address_country = :country,
                            address_region = :region, address_district = :district, address_street = :street,
                            language = :language, emergency_contact_name = :emergencyName,
                            emergency_contact_phone = :emergencyPhone, emergency_contact_relation = :emergencyRelation,
                            notes = :notes, consent_sms = :sms, consent_telegram = :telegram,
                            consent_data_processing = :dataProcessing, consent_data_processing_on = :dataProcessingOn,
                            name_key = :nameKey, updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id AND version = :version AND deleted_at IS NULL
                        """)
                .params(dataParams(d))
                .param("now", Timestamp.from(now))
                .param("tenant", tenant)
                .param("id", id.value())
                .param("version", expectedVersion)
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("patient changed meanwhile");
        }
        replaceDetails(tenant, id, d);
        return expectedVersion + 1;
    }

    private static Map<String, @Nullable Object> dataParams(PatientData d) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("family", d.familyName());
        params.put("given", d.givenName());
        params.put("patronymic", d.patronymic());
        params.put("sex", d.sex().name());
        params.put("birthDate", d.birthDate());
        params.put("email", d.email());
        params.put("country", d.address().country());
        params.put("region", d.address().region());
        params.put("district", d.address().district());
        params.put("street", d.address().street());
        params.put("language", d.language());
        PatientData.EmergencyContact emergency = d.emergencyContact();
        params.put("emergencyName", emergency == null ? null : emergency.name());
        params.put("emergencyPhone", emergency == null ? null : emergency.phone());
        params.put("emergencyRelation", emergency == null ? null : emergency.relation());
        params.put("notes", d.notes());
        params.put("sms", d.consents().sms());
        params.put("telegram", d.consents().telegram());
        params.put("dataProcessing", d.consents().dataProcessing());
        params.put("dataProcessingOn", d.consents().dataProcessingDate());
        params.put("nameKey", d.nameKey());
        return params;
    }

    private void replaceDetails(UUID tenant, PatientId id, PatientData d) {
        jdbc.sql("DELETE FROM patients.phones WHERE tenant_id = :tenant AND patient_id = :id")
                .param("tenant", tenant)
                .param("id", id.value())
                .update();
        for (int i = 0; i < d.phones().size(); i++) {
            PatientData.PhoneNumber phone = d.phones().get(i);
            jdbc.sql(
                            """
                            INSERT INTO patients.phones (tenant_id, patient_id, position, e164, is_primary)
                            VALUES (:tenant, :id, :position, :e164, :primary)
                            """)
                    .param("tenant", tenant)
                    .param("id", id.value())
                    .param("position", i)
                    .param("e164", phone.e164())
                    .param("primary", phone.primary())
                    .update();
        }
        jdbc.sql("DELETE FROM patients.identifiers WHERE tenant_id = :tenant AND patient_id = :id")
                .param("tenant", tenant)
                .param("id", id.value())
                .update();
        for (PatientData.Identifier identifier : d.identifiers()) {
            jdbc.sql(
                            """
                            INSERT INTO patients.identifiers (tenant_id, patient_id, type, country, value, active)
                            VALUES (:tenant, :id, :type, :country, :value, TRUE)
                            """)
                    .param("tenant", tenant)
                    .param("id", id.value())
                    .param("type", identifier.type().name())
                    .param("country", identifier.country())
                    .param("value", identifier.value())
                    .update();
        }
    }

    /** A record that is not deleted (merged ones included, with their status). */
    public Optional<PatientRecord> find(UUID tenant, PatientId id) {
        return find(tenant, id, false);
    }

    /** As {@link #find}, locking the row for the rest of the transaction. */
    public Optional<PatientRecord> findForUpdate(UUID tenant, PatientId id) {
        return find(tenant, id, true);
    }

    private Optional<PatientRecord> find(UUID tenant, PatientId id, boolean lock) {
        Optional<Row> row = jdbc.sql("SELECT " + COLUMNS
                        + " FROM patients.patients p WHERE p.tenant_id = :tenant AND p.id = :id AND p.deleted_at IS NULL"
                        + (lock ? " FOR UPDATE" : ""))
                .param("tenant", tenant)
                .param("id", id.value())
                .query(PatientStore::row)
                .optional();
        return row.map(r -> r.toRecord(phonesOf(tenant, id), identifiersOf(tenant, id, r.status.equals("ACTIVE"))));
    }

    private List<PatientData.PhoneNumber> phonesOf(UUID tenant, PatientId id) {
        return jdbc.sql(
                        """
                        SELECT e164, is_primary FROM patients.phones WHERE tenant_id = :tenant AND patient_id = :id
                        ORDER BY position
                        """)
                .param("tenant", tenant)
                .param("id", id.value())
                .query((rs, n) -> new PatientData.PhoneNumber(rs.getString("e164"), rs.getBoolean("is_primary")))
                .list();
    }

    private List<PatientData.Identifier> identifiersOf(UUID tenant, PatientId id, boolean activeOnly) {
        return jdbc.sql("SELECT type, country, value FROM patients.identifiers WHERE tenant_id = :tenant"
                        + " AND patient_id = :id" + (activeOnly ? " AND active" : "")
                        + " ORDER BY type, country, value")
                .param("tenant", tenant)
                .param("id", id.value())
                .query((rs, n) -> new PatientData.Identifier(
                        IdentifierType.valueOf(rs.getString("type")), rs.getString("value"), rs.getString("country")))
                .list();
    }

    /** The record that holds an identifier among the active ones, if any. */
    public Optional<PatientId> identifierOwner(UUID tenant, PatientData.Identifier identifier) {
        return jdbc.sql(
                        """
                        SELECT patient_id FROM patients.identifiers
                        WHERE tenant_id = :tenant AND type = :type AND country = :country AND value = :value AND active
                        """)
                .param("tenant", tenant)
                .param("type", identifier.type().name())
                .param("country", identifier.country())
                .param("value", identifier.value())
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
                .optional();
    }

    public void markDeleted(UUID tenant, PatientId id, Instant now, @Nullable UUID by) {
        jdbc.sql(
                        """
                        UPDATE patients.patients SET deleted_at = :now, deleted_by = :by, updated_at = :now,
                            version = version + 1
                        WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("by", by)
                .param("tenant", tenant)
                .param("id", id.value())
                .update();
        setIdentifiersActive(tenant, id, false);
    }

    /** Marks a record merged into another (it stays readable, out of search and matching). */
    public void markMerged(UUID tenant, PatientId merged, PatientId survivor, Instant now) {
        jdbc.sql(
                        """
                        UPDATE patients.patients SET status = 'MERGED', merged_into = :survivor, updated_at = :now,
                            version = version + 1
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("survivor", survivor.value())
                .param("now", Timestamp.from(now))
                .param("tenant", tenant)
                .param("id", merged.value())
                .update();
    }

    public void setIdentifiersActive(UUID tenant, PatientId id, boolean active) {
        jdbc.sql("UPDATE patients.identifiers SET active = :active WHERE tenant_id = :tenant AND patient_id = :id")
                .param("active", active)
                .param("tenant", tenant)
                .param("id", id.value())
                .update();
    }

    /** Short summaries (no phones or identifiers) of several records, in no particular order. */
    public List<Summary> summaries(UUID tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        SELECT p.id, p.record_number, p.family_name, p.given_name, p.patronymic, p.sex, p.birth_date,
                            p.language, p.status, p.merged_into,
                            (SELECT ph.e164 FROM patients.phones ph
                             WHERE ph.tenant_id = :tenant AND ph.patient_id = p.id AND ph.is_primary) AS phone
                        FROM patients.patients p
                        WHERE p.tenant_id = :tenant AND p.id = ANY(:ids) AND p.deleted_at IS NULL
                        """)
                .param("tenant", tenant)
                .param("ids", ids.toArray(UUID[]::new))
                .query(PatientStore::summary)
                .list();
    }

    static Summary summary(ResultSet rs, int n) throws SQLException {
        UUID mergedInto = rs.getObject("merged_into", UUID.class);
        return new Summary(
                new PatientId(rs.getObject("id", UUID.class)),
                rs.getLong("record_number"),
                rs.getString("family_name"),
                rs.getString("given_name"),
                rs.getString("patronymic"),
                Sex.valueOf(rs.getString("sex")),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("phone"),
                PatientRecord.Status.valueOf(rs.getString("status")),
                mergedInto == null ? null : new PatientId(mergedInto),
                rs.getString("language"));
    }

    /** What lists and search results show of a patient. */
    public record Summary(
            PatientId id,
            long recordNumber,
            String familyName,
            String givenName,
            @Nullable String patronymic,
            Sex sex,
            LocalDate birthDate,
            @Nullable String primaryPhone,
            PatientRecord.Status status,
            @Nullable PatientId mergedInto,
            String language) {

        public String medicalRecordNumber() {
            return PatientRecord.formatRecordNumber(recordNumber);
        }

        public String displayName() {
            return PatientRecord.displayName(familyName, givenName, patronymic);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs);
    }

    /** One row of {@code patients.patients}, read eagerly. */
    private static final class Row {
        final UUID id;
        final UUID tenant;
        final long recordNumber;
        final String family;
        final String given;
        final @Nullable String patronymic;
        final String sex;
        final LocalDate birthDate;
        final @Nullable String email;
        final String country;
        final @Nullable String region;
        final @Nullable String district;
        final @Nullable String street;
        final String language;
        final @Nullable String emergencyName;
        final @Nullable String emergencyPhone;
        final @Nullable String emergencyRelation;
        final @Nullable String notes;
        final boolean sms;
        final boolean telegram;
        final boolean dataProcessing;
        final @Nullable LocalDate dataProcessingOn;
        final String status;
        final @Nullable UUID mergedInto;
        final boolean registeredAnyway;
        final Instant createdAt;
        final Instant updatedAt;
        final @Nullable Instant deletedAt;
        final int version;

        Row(ResultSet rs) throws SQLException {
            id = rs.getObject("id", UUID.class);
            tenant = rs.getObject("tenant_id", UUID.class);
            recordNumber = rs.getLong("record_number");
            family = rs.getString("family_name");
            given = rs.getString("given_name");
            patronymic = rs.getString("patronymic");
            sex = rs.getString("sex");
            birthDate = rs.getObject("birth_date", LocalDate.class);
            email = rs.getString("email");
            country = rs.getString("address_country");
            region = rs.getString("address_region");
            district = rs.getString("address_district");
            street = rs.getString("address_street");
            language = rs.getString("language");
            emergencyName = rs.getString("emergency_contact_name");
            emergencyPhone = rs.getString("emergency_contact_phone");
            emergencyRelation = rs.getString("emergency_contact_relation");
            notes = rs.getString("notes");
            sms = rs.getBoolean("consent_sms");
            telegram = rs.getBoolean("consent_telegram");
            dataProcessing = rs.getBoolean("consent_data_processing");
            dataProcessingOn = rs.getObject("consent_data_processing_on", LocalDate.class);
            status = rs.getString("status");
            mergedInto = rs.getObject("merged_into", UUID.class);
            registeredAnyway = rs.getBoolean("registered_anyway");
            createdAt = rs.getTimestamp("created_at").toInstant();
            updatedAt = rs.getTimestamp("updated_at").toInstant();
            Timestamp deleted = rs.getTimestamp("deleted_at");
            deletedAt = deleted == null ? null : deleted.toInstant();
            version = rs.getInt("version");
        }

        PatientRecord toRecord(List<PatientData.PhoneNumber> phones, List<PatientData.Identifier> identifiers) {
            PatientData.EmergencyContact emergency =
                    emergencyName == null && emergencyPhone == null && emergencyRelation == null
                            ? null
                            : new PatientData.EmergencyContact(emergencyName, emergencyPhone, emergencyRelation);
            PatientData data = new PatientData(
                    family,
                    given,
                    patronymic,
                    Sex.valueOf(sex),
                    birthDate,
                    phones,
                    email,
                    new PatientData.Address(country, region, district, street),
                    language,
                    identifiers,
                    emergency,
                    notes,
                    new PatientData.Consents(sms, telegram, dataProcessing, dataProcessingOn));
            return new PatientRecord(
                    new PatientId(id),
                    tenant,
                    recordNumber,
                    data,
                    PatientRecord.Status.valueOf(status),
                    mergedInto == null ? null : new PatientId(mergedInto),
                    registeredAnyway,
                    createdAt,
                    updatedAt,
                    deletedAt,
                    version);
        }
    }
}
