package org.shifo.terminology.lab;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantContext;
import org.shifo.terminology.LabCatalogue;
import org.shifo.terminology.LabTest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinic's laboratory catalogue: lookups for other modules, and the administrator's work on it (load the
 * starter catalogue, import a CSV file, edit a test). The starter catalogue is loaded into a clinic's catalogue
 * on first use (there is no event for a new organization): in a transaction of its own that first claims the
 * clinic's row in {@code lab_catalogue_loads}, so of two nodes starting at once one loads and the other finds it
 * loaded; an administrator can load it again at any time, which adds only the tests the clinic lacks.
 */
@Service
public class ClinicLabCatalogue implements LabCatalogue {

    private final LabTestStore store;
    private final StarterCatalogue starter;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Set<UUID> loaded = ConcurrentHashMap.newKeySet();

    ClinicLabCatalogue(
            LabTestStore store,
            StarterCatalogue starter,
            AuditLog audit,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.starter = starter;
        this.audit = audit;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LabTest> find(String code) {
        UUID tenant = ensureStarter();
        if (code.isBlank() || code.length() > 40) {
            return Optional.empty();
        }
        return store.find(tenant, code.strip()).filter(LabTest::active);
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabTest> all() {
        return store.all(ensureStarter());
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabTest> suggest(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        record Scored(LabTest test, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (LabTest test : store.all(ensureStarter())) {
            if (!test.active()) {
                continue;
            }
            int score = score(test, wanted);
            if (score < Integer.MAX_VALUE) {
                scored.add(new Scored(test, score));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score)
                        .thenComparingInt(s -> s.test().sortOrder()))
                .limit(Math.max(1, limit))
                .map(Scored::test)
                .toList();
    }

    /** Smaller is closer: a name or code containing the text, else a code at most two edits away. */
    private static int score(LabTest test, String wanted) {
        String code = test.code().toLowerCase(Locale.ROOT);
        if (code.startsWith(wanted)) {
            return 0;
        }
        for (String name : test.names().values()) {
            if (name.toLowerCase(Locale.ROOT).contains(wanted)) {
                return 1;
            }
        }
        int best = Integer.MAX_VALUE;
        for (String candidate : concat(test.code(), test.aliases())) {
            int distance = distance(candidate.toLowerCase(Locale.ROOT), wanted);
            if (distance <= 2) {
                best = Math.min(best, 2 + distance);
            }
        }
        return best;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.addFirst(first);
        return all;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** What a load of the starter catalogue did. */
    public record StarterLoad(int added, int kept) {}

    /**
     * Adds the starter catalogue's tests the clinic lacks (a test the clinic has, edited or not, is kept as it
     * is): idempotent.
     */
    @Transactional
    public StarterLoad loadStarter() {
        UUID tenant = TenantContext.require().value();
        store.claimStarterLoad(tenant, StarterCatalogue.VERSION, clock.instant());
        int added = addStarterTests(tenant);
        loaded.add(tenant);
        audit.record(AuditEvent.of(
                        tenant,
                        CurrentUser.auditActor("terminology"),
                        "lab_catalogue.starter_load",
                        "lab_catalogue",
                        tenant.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("added", Integer.toString(added)));
        return new StarterLoad(added, starter.tests().size() - added);
    }

    /** What an import did. */
    public record ImportResult(int tests, int ranges) {}

    /**
     * Imports a catalogue CSV file: each test of the file is added, or replaces the clinic's test of the same code
     * with its units and ranges; tests not in the file are kept. All or nothing: a file with a broken rule changes
     * nothing and the answer lists every broken rule.
     */
    @Transactional
    public ImportResult importCsv(InputStream csv) {
        UUID tenant = ensureStarter();
        List<LabTest> tests = LabCatalogueCsv.read(csv, false);
        if (tests.isEmpty()) {
            throw new LabCatalogueRuleException(List.of(CatalogueRule.of("file", "no-tests", "names no test")));
        }
        int next = store.maxSortOrder(tenant);
        var now = clock.instant();
        int ranges = 0;
        for (LabTest test : tests) {
            Optional<LabTest> existing =
                    store.find(tenant, test.code()).filter(t -> t.code().equals(test.code()));
            int order = existing.map(LabTest::sortOrder).orElse(++next);
            store.upsert(tenant, test.withSortOrder(order), now);
            ranges += test.ranges().size();
        }
        audit.record(AuditEvent.of(
                        tenant,
                        CurrentUser.auditActor("terminology"),
                        "lab_catalogue.import",
                        "lab_catalogue",
                        tenant.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("tests", Integer.toString(tests.size())));
        return new ImportResult(tests.size(), ranges);
    }

    /** A reference range as a form sends it. */
    public record RangeInput(
            @Nullable String sex,
            @Nullable String ageFrom,
            @Nullable String ageTo,
            @Nullable String low,
            @Nullable String high,
            @Nullable String source) {}

    /** A test's editable parts as a form sends them; the code and its system are not editable. */
    public record TestEdit(
            @Nullable String nameEn,
            @Nullable String nameRu,
            @Nullable String nameUz,
            @Nullable String unit,
            @Nullable String conversions,
            @Nullable String criticalLow,
            @Nullable String criticalHigh,
            @Nullable String criticalSource,
            @Nullable String impossibleAbove,
            boolean laboratoryRanges,
            boolean active,
            List<RangeInput> ranges) {}

    /** Changes the clinic's test; every broken rule at once, nothing saved when one is broken. */
    @Transactional
    public LabTest update(String code, TestEdit edit) {
        UUID tenant = ensureStarter();
        LabTest current = store.find(tenant, code)
                .filter(t -> t.code().equals(code))
                .orElseThrow(() -> new LabTestNotFoundException(code));
        LabTestRules rules = new LabTestRules();
        String nameEn = rules.name("nameEn", edit.nameEn(), true);
        String nameRu = rules.name("nameRu", edit.nameRu(), true);
        String nameUz = rules.name("nameUz", edit.nameUz(), true);
        String unit = rules.unit("unit", edit.unit(), current.valueType() == LabTest.ValueType.QUANTITY);
        var conversions = rules.conversions("conversions", edit.conversions(), unit);
        var criticalLow = rules.decimal("criticalLow", edit.criticalLow());
        var criticalHigh = rules.decimal("criticalHigh", edit.criticalHigh());
        rules.criticalOrder("criticalHigh", criticalLow, criticalHigh);
        String criticalSource =
                rules.source("criticalSource", edit.criticalSource(), criticalLow != null || criticalHigh != null);
        var impossibleAbove = rules.decimal("impossibleAbove", edit.impossibleAbove());
        List<LabTest.ReferenceRange> ranges = new ArrayList<>();
        for (int i = 0; i < edit.ranges().size(); i++) {
            RangeInput r = edit.ranges().get(i);
            LabTest.ReferenceRange range =
                    rules.range("ranges[" + i + "].", r.sex(), r.ageFrom(), r.ageTo(), r.low(), r.high(), r.source());
            if (range != null) {
                ranges.add(range);
            }
        }
        rules.check();
        LabTest changed = new LabTest(
                current.code(),
                current.system(),
                current.aliases(),
                Map.of(
                        "en", java.util.Objects.requireNonNull(nameEn),
                        "ru", java.util.Objects.requireNonNull(nameRu),
                        "uz", java.util.Objects.requireNonNull(nameUz)),
                current.valueType(),
                unit == null ? "" : unit,
                conversions,
                ranges,
                criticalLow,
                criticalHigh,
                criticalSource == null ? "" : criticalSource,
                impossibleAbove,
                !edit.laboratoryRanges(),
                current.panels(),
                edit.active(),
                current.sortOrder());
        store.upsert(tenant, changed, clock.instant());
        audit.record(AuditEvent.of(
                tenant,
                CurrentUser.auditActor("terminology"),
                "lab_test.update",
                "lab_test",
                current.code(),
                AuditOutcome.SUCCESS));
        return changed;
    }

    /** The columns of the catalogue's CSV format, in the order the starter file has them. */
    public static List<String> csvColumns() {
        return LabCatalogueCsv.COLUMNS;
    }

    /** Whether the clinic's catalogue has been given the starter catalogue (on first use or by the button). */
    @Transactional(readOnly = true)
    public boolean isStarterLoaded() {
        return store.isStarterLoaded(TenantContext.require().value());
    }

    /** The clinic's tenant, after loading the starter catalogue into its catalogue if this is its first use. */
    private UUID ensureStarter() {
        UUID tenant = TenantContext.require().value();
        if (loaded.contains(tenant)) {
            return tenant;
        }
        Boolean done = ownTransaction.execute(status -> {
            if (store.claimStarterLoad(tenant, StarterCatalogue.VERSION, clock.instant())) {
                addStarterTests(tenant);
            }
            return Boolean.TRUE;
        });
        if (Boolean.TRUE.equals(done)) {
            loaded.add(tenant);
        }
        return tenant;
    }

    private int addStarterTests(UUID tenant) {
        int added = 0;
        var now = clock.instant();
        for (LabTest test : starter.tests()) {
            if (store.insertIfAbsent(tenant, test, now)) {
                added++;
            }
        }
        return added;
    }
}
