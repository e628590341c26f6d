package org.shifo.patients.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.shifo.audit.AuditLog;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.DuplicateScore;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.persistence.PatientStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Likely duplicate pairs across the whole registry, for an administrator to merge or dismiss. */
@Service
public class DuplicateReview {

    /** Pairs compared per review; the list shows the likely ones among them, best first. */
    static final int PAIRS_EXAMINED = 2000;

    private final PatientQueries queries;
    private final PatientStore store;
    private final AuditLog audit;
    private final RegistryClock clock;
    private final TransactionTemplate transactions;
    private final PatientRegistry registry;

    DuplicateReview(
            PatientQueries queries,
            PatientStore store,
            AuditLog audit,
            RegistryClock clock,
            TransactionTemplate transactions,
            PatientRegistry registry) {
        this.queries = queries;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.registry = registry;
    }

    /** One likely pair. */
    public record Pair(PatientStore.Summary first, PatientStore.Summary second, DuplicateScore match) {}

    public List<Pair> likelyPairs(int limit) {
        List<Pair> pairs = transactions.execute(status -> {
            UUID tenant = clock.tenant();
            List<PatientQueries.PairRow> rows = queries.likelyPairs(tenant, PAIRS_EXAMINED);
            List<ScoredRow> scored = rows.stream()
                    .map(row -> new ScoredRow(
                            row,
                            DuplicateScore.of(new DuplicateScore.Features(
                                    row.nameSimilarity(),
                                    row.samePhone(),
                                    row.sameBirthDate(),
                                    row.swappedBirthDate(),
                                    row.differentSex()))))
                    .filter(s -> s.match().score() >= DuplicateScore.LIKELY)
                    .sorted(Comparator.comparingInt((ScoredRow s) -> s.match().score())
                            .reversed())
                    .limit(limit)
                    .toList();
            List<UUID> ids = scored.stream()
                    .flatMap(s ->
                            Stream.of(s.row().first().value(), s.row().second().value()))
                    .distinct()
                    .toList();
            Map<PatientId, PatientStore.Summary> summaries = store.summaries(tenant, ids).stream()
                    .collect(Collectors.toMap(PatientStore.Summary::id, Function.identity()));
            audit.record(org.shifo.audit.AuditEvent.of(
                    tenant,
                    clock.actor(),
                    "patient.review_duplicates",
                    "patient_list",
                    Integer.toString(scored.size()),
                    org.shifo.audit.AuditOutcome.SUCCESS));
            List<Pair> found = new java.util.ArrayList<>();
            for (ScoredRow s : scored) {
                PatientStore.Summary first = summaries.get(s.row().first());
                PatientStore.Summary second = summaries.get(s.row().second());
                if (first != null && second != null) {
                    found.add(new Pair(first, second, s.match()));
                }
            }
            return found;
        });
        return pairs == null ? List.of() : pairs;
    }

    private record ScoredRow(PatientQueries.PairRow row, DuplicateScore match) {}

    /** An administrator says two records are different people; the pair leaves the review list. */
    public void markNotDuplicate(PatientId first, PatientId second) {
        transactions.executeWithoutResult(status -> {
            UUID tenant = clock.tenant();
            if (store.find(tenant, first).isEmpty()
                    || store.find(tenant, second).isEmpty()) {
                throw new PatientNotFoundException();
            }
            if (first.equals(second)) {
                throw new MergeRefusedException(MergeRefusedException.Reason.SAME_RECORD);
            }
            queries.markNotDuplicate(tenant, first, second, clock.now(), clock.actorId());
            audit.record(registry.event("patient.mark_not_duplicate", first).withDetail("other", second.toString()));
        });
    }
}
