package org.shifo.terminology.lab;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.LabCodeSystem;
import org.shifo.terminology.LabTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue tables (terminology.lab_*), always filtered by the clinic. */
@Repository
class LabTestStore {

    private static final String SELECT_TESTS =
            """
            SELECT code, system, aliases, name_en, name_ru, name_uz, value_type, unit, panels, critical_low,
                   critical_high, critical_source, impossible_above, replace_ranges, active, sort_order
            FROM terminology.lab_tests
            WHERE tenant_id = :tenant
            """;

    private final JdbcClient jdbc;

    LabTestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every test of the clinic in catalogue order, with units and ranges. */
    List<LabTest> all(UUID tenant) {
        List<Row> rows = jdbc.sql(SELECT_TESTS + " ORDER BY sort_order, code")
                .param("tenant", tenant)
                .query((rs, n) -> row(rs))
                .list();
        return assemble(tenant, rows, null);
    }

    /** The test with this code, or the active one having it among its aliases. */
    java.util.Optional<LabTest> find(UUID tenant, String code) {
        List<Row> rows = jdbc.sql(
                        SELECT_TESTS
                                + """
                                  AND (upper(code) = upper(:code) OR (active AND :code = ANY (aliases)))
                                ORDER BY (upper(code) = upper(:code)) DESC, sort_order
                                LIMIT 1
                                """)
                .param("tenant", tenant)
                .param("code", code)
                .query((rs, n) -> row(rs))
                .list();
        return assemble(tenant, rows, rows.isEmpty() ? null : rows.getFirst().code()).stream()
                .findFirst();
    }

    boolean exists(UUID tenant, String code) {
        return jdbc.sql("SELECT count(*) FROM terminology.lab_tests WHERE tenant_id = :tenant AND code = :code")
                        .param("tenant", tenant)
                        .param("code", code)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Adds the test unless the clinic has one of that code; true when added. */
    boolean insertIfAbsent(UUID tenant, LabTest test, Instant now) {
        int added = jdbc.sql(
                        """
                        INSERT INTO terminology.lab_tests (tenant_id, code, system, aliases, name_en, name_ru, name_uz,
                            value_type, unit, panels, critical_low, critical_high, critical_source, impossible_above,
                            replace_ranges, active, sort_order, updated_at)
                        VALUES (:tenant, :code, :system, :aliases, :nameEn, :nameRu, :nameUz, :valueType, :unit,
                            :panels, :criticalLow, :criticalHigh, :criticalSource, :impossibleAbove, :replace,
                            :active, :sortOrder, :now)
                        ON CONFLICT (tenant_id, code) DO NOTHING
                        """)
                .paramSource(params(tenant, test, now))
                .update();
        if (added == 1) {
            insertDetails(tenant, test);
        }
        return added == 1;
    }

    /** Adds the test or replaces every part of the clinic's test of that code (its units and ranges too). */
    void upsert(UUID tenant, LabTest test, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO terminology.lab_tests (tenant_id, code, system, aliases, name_en, name_ru, name_uz,
                            value_type, unit, panels, critical_low, critical_high, critical_source, impossible_above,
                            replace_ranges, active, sort_order, updated_at)
                        VALUES (:tenant, :code, :system, :aliases, :nameEn, :nameRu, :nameUz, :valueType, :unit,
                            :panels, :criticalLow, :criticalHigh, :criticalSource, :impossibleAbove, :replace,
                            :active, :sortOrder, :now)
                        ON CONFLICT (tenant_id, code) DO UPDATE SET system = excluded.system,
                            aliases = excluded.aliases, name_en = excluded.name_en, name_ru = excluded.name_ru,
                            name_uz = excluded.name_uz, value_type = excluded.value_type, unit = excluded.unit,
                            panels = excluded.panels, critical_low = excluded.critical_low,
                            critical_high = excluded.critical_high, critical_source = excluded.critical_source,
                            impossible_above = excluded.impossible_above, replace_ranges = excluded.replace_ranges,
                            active = excluded.active, sort_order = excluded.sort_order, updated_at = excluded.updated_at
                        """)
                .paramSource(params(tenant, test, now))
                .update();
        jdbc.sql("DELETE FROM terminology.lab_test_units WHERE tenant_id = :tenant AND code = :code")
                .param("tenant", tenant)
                .param("code", test.code())
                .update();
        jdbc.sql("DELETE FROM terminology.lab_reference_ranges WHERE tenant_id = :tenant AND code = :code")
                .param("tenant", tenant)
                .param("code", test.code())
                .update();
        insertDetails(tenant, test);
    }

    int maxSortOrder(UUID tenant) {
        return jdbc.sql("SELECT coalesce(max(sort_order), 0) FROM terminology.lab_tests WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query(Integer.class)
                .single();
    }

    /** Claims the one-time load of the starter catalogue for the clinic; true for the caller that must load it. */
    boolean claimStarterLoad(UUID tenant, String version, Instant now) {
        return jdbc.sql(
                                """
                                INSERT INTO terminology.lab_catalogue_loads (tenant_id, starter_version, loaded_at)
                                VALUES (:tenant, :version, :now)
                                ON CONFLICT (tenant_id) DO NOTHING
                                """)
                        .param("tenant", tenant)
                        .param("version", version)
                        .param("now", java.sql.Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean isStarterLoaded(UUID tenant) {
        return jdbc.sql("SELECT count(*) FROM terminology.lab_catalogue_loads WHERE tenant_id = :tenant")
                        .param("tenant", tenant)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void insertDetails(UUID tenant, LabTest test) {
        for (LabTest.UnitConversion conversion : test.conversions()) {
            jdbc.sql(
                            """
                            INSERT INTO terminology.lab_test_units (tenant_id, code, unit, factor, "offset")
                            VALUES (:tenant, :code, :unit, :factor, :offset)
                            """)
                    .param("tenant", tenant)
                    .param("code", test.code())
                    .param("unit", conversion.unit())
                    .param("factor", conversion.factor())
                    .param("offset", conversion.offset())
                    .update();
        }
        int position = 0;
        for (LabTest.ReferenceRange range : test.ranges()) {
            Period to = range.ageTo();
            jdbc.sql(
                            """
                            INSERT INTO terminology.lab_reference_ranges (tenant_id, code, position, sex, age_from,
                                age_to, low, high, source)
                            VALUES (:tenant, :code, :position, :sex, :ageFrom, :ageTo, :low, :high, :source)
                            """)
                    .param("tenant", tenant)
                    .param("code", test.code())
                    .param("position", position++)
                    .param("sex", range.sex().name())
                    .param("ageFrom", range.ageFrom().toString())
                    .param("ageTo", to == null ? null : to.toString())
                    .param("low", range.low())
                    .param("high", range.high())
                    .param("source", range.source())
                    .update();
        }
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(
            UUID tenant, LabTest test, Instant now) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("tenant", tenant)
                .addValue("code", test.code())
                .addValue("system", test.system().name())
                .addValue("aliases", test.aliases().toArray(String[]::new), java.sql.Types.ARRAY)
                .addValue("nameEn", test.name("en"))
                .addValue("nameRu", test.name("ru"))
                .addValue("nameUz", test.name("uz"))
                .addValue("valueType", test.valueType().name())
                .addValue("unit", test.unit())
                .addValue("panels", test.panels().toArray(String[]::new), java.sql.Types.ARRAY)
                .addValue("criticalLow", test.criticalLow())
                .addValue("criticalHigh", test.criticalHigh())
                .addValue("criticalSource", test.criticalSource())
                .addValue("impossibleAbove", test.impossibleAbove())
                .addValue("replace", test.replaceWithLaboratoryRanges())
                .addValue("active", test.active())
                .addValue("sortOrder", test.sortOrder())
                .addValue("now", java.sql.Timestamp.from(now));
    }

    private List<LabTest> assemble(UUID tenant, List<Row> rows, @Nullable String onlyCode) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<LabTest.UnitConversion>> units = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT code, unit, factor, "offset" FROM terminology.lab_test_units
                        WHERE tenant_id = :tenant AND (CAST(:code AS TEXT) IS NULL OR code = :code)
                        ORDER BY code, unit
                        """)
                .param("tenant", tenant)
                .param("code", onlyCode)
                .query(rs -> {
                    units.computeIfAbsent(rs.getString("code"), c -> new ArrayList<>())
                            .add(new LabTest.UnitConversion(
                                    rs.getString("unit"),
                                    LabTest.plain(rs.getBigDecimal("factor")),
                                    LabTest.plain(rs.getBigDecimal("offset"))));
                });
        Map<String, List<LabTest.ReferenceRange>> ranges = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT code, sex, age_from, age_to, low, high, source FROM terminology.lab_reference_ranges
                        WHERE tenant_id = :tenant AND (CAST(:code AS TEXT) IS NULL OR code = :code)
                        ORDER BY code, position
                        """)
                .param("tenant", tenant)
                .param("code", onlyCode)
                .query(rs -> {
                    String ageTo = rs.getString("age_to");
                    ranges.computeIfAbsent(rs.getString("code"), c -> new ArrayList<>())
                            .add(new LabTest.ReferenceRange(
                                    LabTest.Sex.valueOf(rs.getString("sex")),
                                    Period.parse(rs.getString("age_from")),
                                    ageTo == null ? null : Period.parse(ageTo),
                                    strip(rs.getBigDecimal("low")),
                                    strip(rs.getBigDecimal("high")),
                                    rs.getString("source")));
                });
        return rows.stream()
                .map(row -> row.toTest(
                        units.getOrDefault(row.code(), List.of()), ranges.getOrDefault(row.code(), List.of())))
                .toList();
    }

    private static @Nullable BigDecimal strip(@Nullable BigDecimal value) {
        return value == null ? null : LabTest.plain(value);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString("code"),
                LabCodeSystem.valueOf(rs.getString("system")),
                strings(rs.getArray("aliases")),
                Map.of("en", rs.getString("name_en"), "ru", rs.getString("name_ru"), "uz", rs.getString("name_uz")),
                LabTest.ValueType.valueOf(rs.getString("value_type")),
                rs.getString("unit"),
                strings(rs.getArray("panels")),
                strip(rs.getBigDecimal("critical_low")),
                strip(rs.getBigDecimal("critical_high")),
                rs.getString("critical_source"),
                strip(rs.getBigDecimal("impossible_above")),
                rs.getBoolean("replace_ranges"),
                rs.getBoolean("active"),
                rs.getInt("sort_order"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private record Row(
            String code,
            LabCodeSystem system,
            List<String> aliases,
            Map<String, String> names,
            LabTest.ValueType valueType,
            String unit,
            List<String> panels,
            @Nullable BigDecimal criticalLow,
            @Nullable BigDecimal criticalHigh,
            String criticalSource,
            @Nullable BigDecimal impossibleAbove,
            boolean replace,
            boolean active,
            int sortOrder) {

        LabTest toTest(List<LabTest.UnitConversion> units, List<LabTest.ReferenceRange> ranges) {
            return new LabTest(
                    code,
                    system,
                    aliases,
                    names,
                    valueType,
                    unit,
                    units,
                    ranges,
                    criticalLow,
                    criticalHigh,
                    criticalSource,
                    impossibleAbove,
                    replace,
                    panels,
                    active,
                    sortOrder);
        }
    }
}
