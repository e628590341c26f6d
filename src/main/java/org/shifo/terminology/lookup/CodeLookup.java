package org.shifo.terminology.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shifo.identity.TenantContext;
import org.shifo.terminology.CodeCheck;
import org.shifo.terminology.CodeCheck.Verdict;
import org.shifo.terminology.Concept;
import org.shifo.terminology.Terminology;
import org.shifo.terminology.domain.CodeFormat;
import org.shifo.terminology.domain.TitleWords;
import org.shifo.terminology.persistence.Concepts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link Terminology} of the caller's clinic, over the code sets it imported. A code that may not be recorded
 * comes back with the nearest codes that may: a category's leaves, a retired code's siblings, an unknown code's
 * neighbours sharing its longest prefix.
 */
@Service
class CodeLookup implements Terminology {

    static final int MAX_LIMIT = 100;
    static final int SUGGESTIONS = 10;

    /** A code or the start of one: a letter, then digits and letters, perhaps a dot ({@code a0}, {@code L20.8}). */
    private static final Pattern CODE_LIKE =
            Pattern.compile("[A-Za-z]([0-9][0-9A-Za-z]{0,2}(\\.?[0-9A-Za-z]{0,4})?)?(-[A-Za-z0-9.]*)?");

    private final Concepts concepts;

    CodeLookup(Concepts concepts) {
        this.concepts = concepts;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> system(String systemOrAlias) {
        return CodeFormat.canonicalSystem(systemOrAlias)
                .filter(system -> CodeFormat.of(system) != CodeFormat.LOCAL || concepts.hasSet(tenant(), system));
    }

    @Override
    @Transactional(readOnly = true)
    public CodeCheck check(String system, String code, String language) {
        Optional<String> known = system(system);
        if (known.isEmpty()) {
            return new CodeCheck(Verdict.UNKNOWN_SYSTEM, system, code.strip(), null, List.of());
        }
        String uri = known.get();
        CodeFormat format = CodeFormat.of(uri);
        String normalized = format.normalize(code);
        String lang = language(language);
        UUID tenant = tenant();
        if (!concepts.hasSet(tenant, uri)) {
            Verdict verdict = format.isCategory(normalized) ? Verdict.UNVERIFIED : Verdict.MALFORMED;
            return new CodeCheck(verdict, uri, normalized, null, List.of());
        }
        if (!format.isStorable(normalized)) {
            return new CodeCheck(Verdict.MALFORMED, uri, normalized, null, List.of());
        }
        Optional<Concepts.Row> found = concepts.find(tenant, uri, normalized, lang);
        if (found.isEmpty()) {
            return new CodeCheck(Verdict.UNKNOWN, uri, normalized, null, nearest(tenant, uri, normalized, lang));
        }
        Concepts.Row row = found.get();
        if (!row.active()) {
            List<Concept> siblings = row.parentCode() == null
                    ? List.of()
                    : concepts(uri, concepts.leavesBelow(tenant, uri, row.parentCode(), lang, SUGGESTIONS), lang);
            return new CodeCheck(
                    Verdict.RETIRED,
                    uri,
                    normalized,
                    row.title(),
                    siblings.isEmpty() ? nearest(tenant, uri, normalized, lang) : siblings);
        }
        if (!row.leaf()) {
            return new CodeCheck(
                    Verdict.NOT_CODABLE,
                    uri,
                    normalized,
                    row.title(),
                    concepts(uri, concepts.leavesBelow(tenant, uri, normalized, lang, 2 * SUGGESTIONS), lang));
        }
        return new CodeCheck(Verdict.VALID, uri, normalized, row.title(), List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Concept> search(String system, String query, String language, int limit) {
        Optional<String> known = system(system);
        String text = query.strip();
        if (known.isEmpty() || text.isEmpty() || limit <= 0) {
            return List.of();
        }
        String uri = known.get();
        String lang = language(language);
        int size = Math.min(limit, MAX_LIMIT);
        UUID tenant = tenant();
        if (CODE_LIKE.matcher(text).matches()) {
            String prefix = CodeFormat.of(uri).normalize(text);
            List<Concepts.Row> rows = concepts.byCodePrefix(tenant, uri, prefix, lang, size);
            if (!rows.isEmpty() || text.length() < 2) {
                return concepts(uri, rows, lang);
            }
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        return concepts(uri, concepts.byWords(tenant, uri, words, lang, size), lang);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasImportedSet(String system) {
        return CodeFormat.canonicalSystem(system)
                .map(uri -> concepts.hasSet(tenant(), uri))
                .orElse(false);
    }

    /** The words of a query, lower case, letters and digits only; one-letter words only when nothing else. */
    static List<String> words(String query) {
        List<String> words = TitleWords.of(query).stream().limit(8).toList();
        List<String> longer = words.stream().filter(word -> word.length() > 1).toList();
        return longer.isEmpty() ? words : longer;
    }

    /** Codable codes sharing the longest prefix with an unknown code, down to its first two characters. */
    private List<Concept> nearest(UUID tenant, String system, String code, String language) {
        String prefix = code;
        while (prefix.length() >= 2) {
            List<Concepts.Row> rows = concepts.leavesStartingWith(tenant, system, prefix, language, SUGGESTIONS);
            if (!rows.isEmpty()) {
                return concepts(system, rows, language);
            }
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return List.of();
    }

    private static List<Concept> concepts(String system, List<Concepts.Row> rows, String language) {
        List<Concept> concepts = new ArrayList<>(rows.size());
        for (Concepts.Row row : rows) {
            String title = row.title();
            String titleLanguage = row.language();
            concepts.add(new Concept(
                    system,
                    row.code(),
                    title == null ? row.code() : title,
                    titleLanguage == null ? language : titleLanguage,
                    row.leaf(),
                    row.active()));
        }
        return concepts;
    }

    static String language(String language) {
        String lower = language.strip().toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        String base = dash > 0 ? lower.substring(0, dash) : lower;
        return base.matches("[a-z]{2,3}") ? base : "en";
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
