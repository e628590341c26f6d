package org.shifo.patients.registry;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.patients.domain.IdentifierType;
import org.shifo.patients.domain.NameKey;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Violation;
import org.shifo.patients.persistence.PatientQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one search box. What the text looks like decides which matchers run, all in one query:
 *
 * <ul>
 *   <li>a medical record number ({@code SH-000123}, {@code sh123}) or bare digits: the record number;
 *   <li>digits and letters mixed, or 4+ digits: an identifier of any type (PINFL, passport, …);
 *   <li>4+ digits, in any phone format: phones ending with them (and the whole number, when it is one);
 *   <li>text without digits: names, by trigram word similarity of the folded name ({@link NameKey}), every
 *       word of the query matching somewhere in family, given or patronymic name, in any order; one- and
 *       two-letter queries match the beginning of the family name.
 * </ul>
 *
 * Results are ranked (exact record number or identifier first, then phone, then name similarity) and paged with
 * an opaque cursor (the last result's score and id).
 */
@Service
public class PatientSearch {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final int MAX_QUERY = 200;
    private static final Pattern RECORD_NUMBER = Pattern.compile("(?i)(SH)?[-\\s]?0*([0-9]{1,12})");
    private static final Pattern PHONE_TEXT = Pattern.compile("[+0-9\\s().-]+");

    private final PatientQueries queries;
    private final AuditLog audit;
    private final RegistryClock clock;
    private final TransactionTemplate transactions;

    PatientSearch(PatientQueries queries, AuditLog audit, RegistryClock clock, TransactionTemplate transactions) {
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** One page of results and the cursor of the next page, if there is one. */
    public record Page(List<PatientQueries.Hit> items, @Nullable String nextCursor) {}

    public Page search(
            @Nullable String query, @Nullable LocalDate birthDate, @Nullable String cursor, @Nullable Integer limit) {
        PatientQueries.SearchPlan plan = plan(query, birthDate);
        PatientQueries.Position after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new PatientRuleException(
                    List.of(Violation.of("limit", "range", "must be between 1 and " + MAX_LIMIT, 1, MAX_LIMIT)));
        }
        Shown shown = transactions.execute(status -> {
            List<PatientQueries.Hit> hits = queries.search(clock.tenant(), plan, after, size + 1);
            boolean more = hits.size() > size;
            List<PatientQueries.Hit> items = more ? hits.subList(0, size) : hits;
            String next = more ? encode(items.getLast()) : null;
            AuditEvent event = AuditEvent.of(
                    clock.tenant(),
                    clock.actor(),
                    "patient.search",
                    "patient_list",
                    Integer.toString(items.size()),
                    AuditOutcome.SUCCESS);
            for (int i = 0; i < Math.min(items.size(), 15); i++) {
                event = event.withDetail(
                        "shown" + (i + 1), items.get(i).summary().id().toString());
            }
            return new Shown(new Page(List.copyOf(items), next), event);
        });
        if (shown == null) {
            return new Page(List.of(), null);
        }
        // after the transaction, which then holds no connection while the entry waits for its batch's commit
        audit.recordRead(shown.event());
        return shown.page();
    }

    private record Shown(Page page, AuditEvent event) {}

    /** How a query is searched; public for tests. */
    public static PatientQueries.SearchPlan plan(@Nullable String rawQuery, @Nullable LocalDate birthDate) {
        String query = rawQuery == null ? "" : rawQuery.strip();
        List<Violation> problems = new ArrayList<>();
        if (query.length() > MAX_QUERY) {
            problems.add(Violation.of("q", "too-long", "must be at most " + MAX_QUERY + " characters", MAX_QUERY));
        } else if (query.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            problems.add(Violation.of("q", "control-characters", "must not contain control characters"));
        } else if (query.isEmpty() && birthDate == null) {
            problems.add(Violation.of(
                    "q", "search-empty", "enter a name, phone, identifier or record number (or a birth date)"));
        }
        if (!problems.isEmpty()) {
            throw new PatientRuleException(problems);
        }
        Long recordNumber = null;
        String identifier = null;
        String phoneE164 = null;
        String phoneDigits = null;
        List<String> tokens = List.of();
        String nameText = null;
        String namePrefix = null;
        if (query.isEmpty()) {
            // birth date only: every record born that day
            namePrefix = "";
        } else {
            Matcher number = RECORD_NUMBER.matcher(query);
            if (number.matches()) {
                recordNumber = Long.parseLong(number.group(2));
            }
            boolean hasDigit = query.chars().anyMatch(Character::isDigit);
            String digits = query.replaceAll("[^0-9]", "");
            if (hasDigit && (!number.matches() || number.group(1) == null)) {
                String normalised = PatientRules.normaliseIdentifier(query, IdentifierType.INSURANCE);
                if (normalised.length() >= 4 && normalised.matches("[A-Z0-9-]+")) {
                    identifier = normalised;
                }
            }
            if (PHONE_TEXT.matcher(query).matches()
                    && digits.length() >= 4
                    && !query.toUpperCase(Locale.ROOT).startsWith("SH")) {
                phoneDigits = digits.length() > 12 ? digits.substring(digits.length() - 12) : digits;
                phoneE164 = digits.length() >= 9 ? PatientRules.toE164(query).orElse(null) : null;
            }
            if (!hasDigit) {
                String folded = NameKey.fold(query);
                List<String> words = Arrays.stream(folded.split(" "))
                        .filter(w -> !w.isEmpty())
                        .toList();
                List<String> longWords =
                        words.stream().filter(w -> w.length() >= 3).toList();
                if (!longWords.isEmpty()) {
                    tokens = longWords;
                    nameText = folded;
                } else if (!words.isEmpty()) {
                    namePrefix = words.getFirst();
                }
            }
        }
        return new PatientQueries.SearchPlan(
                recordNumber, identifier, phoneE164, phoneDigits, tokens, nameText, namePrefix, birthDate);
    }

    private static String encode(PatientQueries.Hit last) {
        String raw = last.score() + ":" + last.summary().id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static PatientQueries.Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new PatientQueries.Position(
                    Integer.parseInt(raw.substring(0, colon)), UUID.fromString(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException invalid) {
            throw new PatientRuleException(
                    List.of(Violation.of("cursor", "cursor-invalid", "is not a cursor this server gave out")));
        }
    }
}
