package org.shifo.patients.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How likely two records describe one person, and why. Points: name similarity (trigram similarity of the
 * folded names, see {@link NameKey}) up to 50; the same phone number 35; the same birth date 30, or 10 when
 * day and month are swapped; different sexes −25. A score of {@value #STRONG} or more is a <em>strong</em>
 * candidate: registration stops and asks for an explicit "register anyway"; from {@value #LIKELY} a pair is
 * listed for an administrator's review.
 *
 * <p>So the same phone and a name 70 % alike (twins, a wrong record), or the same birth date and a name 80 %
 * alike, are strong; a namesake born on another day, or a relative sharing a phone, is not.
 */
public record DuplicateScore(int score, List<Reason> reasons) {

    public static final int STRONG = 70;
    public static final int LIKELY = 60;

    public DuplicateScore {
        reasons = List.copyOf(reasons);
    }

    /** What two records share. */
    public record Features(
            double nameSimilarity,
            boolean samePhone,
            boolean sameBirthDate,
            boolean swappedBirthDate,
            boolean differentSex) {}

    /** One reason, with a stable code (message key {@code patients.reason.<code>}) and its percentage if any. */
    public record Reason(String code, int percent) {

        /** The reason in English, for the API: "same phone", "name 92 % similar". */
        public String text() {
            return switch (code) {
                case "same-phone" -> "same phone";
                case "same-birth-date" -> "same birth date";
                case "swapped-birth-date" -> "birth date with day and month swapped";
                case "different-sex" -> "different sex";
                default -> String.format(Locale.ROOT, "name %d %% similar", percent);
            };
        }
    }

    public static DuplicateScore of(Features features) {
        List<Reason> reasons = new ArrayList<>();
        double points = 0;
        if (features.samePhone()) {
            points += 35;
            reasons.add(new Reason("same-phone", 0));
        }
        int percent = (int) Math.round(Math.max(0, Math.min(1, features.nameSimilarity())) * 100);
        points += percent / 2.0;
        if (percent > 0) {
            reasons.add(new Reason("name-similar", percent));
        }
        if (features.sameBirthDate()) {
            points += 30;
            reasons.add(new Reason("same-birth-date", 0));
        } else if (features.swappedBirthDate()) {
            points += 10;
            reasons.add(new Reason("swapped-birth-date", 0));
        }
        if (features.differentSex()) {
            points -= 25;
            reasons.add(new Reason("different-sex", 0));
        }
        int score = (int) Math.round(Math.max(0, Math.min(100, points)));
        return new DuplicateScore(score, reasons);
    }

    public boolean strong() {
        return score >= STRONG;
    }

    /** The reasons in English, joined: "same phone, name 92 % similar, same birth date". */
    public List<String> texts() {
        return reasons.stream().map(Reason::text).toList();
    }
}
