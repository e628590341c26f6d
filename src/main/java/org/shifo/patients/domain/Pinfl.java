package org.shifo.patients.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The Uzbek personal identification number of a natural person (PINFL, JShShIR, ПИНФЛ): 14 digits laid out as
 * {@code S DDMMYY AAA NNN C}.
 *
 * <ul>
 *   <li>{@code S}: century of birth and sex: 1 and 2 for the 1800s, 3 and 4 for the 1900s, 5 and 6 for the
 *       2000s; odd is male, even is female (the same scheme as the Kazakh IIN and the old Soviet personal
 *       codes);
 *   <li>{@code DDMMYY}: date of birth;
 *   <li>{@code AAA}: code of the registering district; {@code NNN}: serial number;
 *   <li>{@code C}: check digit, computed like the check digits of a machine-readable travel document (ICAO
 *       Doc 9303, Part 3, section 4.9): the first 13 digits weighted 7, 3, 1, 7, 3, 1, …, summed, modulo 10.
 *       The PINFL is printed in the optional-data field of the MRZ of Uzbek biometric passports and ID cards,
 *       which is why it follows that rule.
 * </ul>
 *
 * Some people were issued numbers whose date part does not match their documents (for example numbers
 * issued before the birth date was corrected); the registry therefore reports a mismatch with the record's
 * birth date or sex as a rule the user must fix, rather than guessing which of the two is right.
 */
public final class Pinfl {

    private static final int[] WEIGHTS = {7, 3, 1};

    private Pinfl() {}

    public static boolean hasValidShape(String value) {
        return value.length() == 14 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The check digit the first 13 digits call for. */
    public static int checkDigit(String value) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i % 3];
        }
        return sum % 10;
    }

    public static boolean hasValidCheckDigit(String value) {
        return checkDigit(value) == value.charAt(13) - '0';
    }

    /** The sex the first digit encodes, if the digit is one of 1 to 6. */
    public static Optional<Sex> sex(String value) {
        int first = value.charAt(0) - '0';
        if (first < 1 || first > 6) {
            return Optional.empty();
        }
        return Optional.of(first % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    }

    /** The birth date the number encodes, if it is a real date. */
    public static Optional<LocalDate> birthDate(String value) {
        int first = value.charAt(0) - '0';
        if (first < 1 || first > 6) {
            return Optional.empty();
        }
        int century = 1800 + ((first + 1) / 2 - 1) * 100;
        int day = Integer.parseInt(value.substring(1, 3));
        int month = Integer.parseInt(value.substring(3, 5));
        int year = century + Integer.parseInt(value.substring(5, 7));
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException invalid) {
            return Optional.empty();
        }
    }

    /** Builds a valid number for a sex and birth date (tests and benchmarks generate patients with it). */
    public static String of(Sex sex, LocalDate birthDate, int district, int serial) {
        int centuryIndex = (birthDate.getYear() - 1800) / 100; // 0 for 1800s, 1 for 1900s, 2 for 2000s
        int first = centuryIndex * 2 + (sex == Sex.FEMALE ? 2 : 1);
        String body = String.format(
                java.util.Locale.ROOT,
                "%d%02d%02d%02d%03d%03d",
                first,
                birthDate.getDayOfMonth(),
                birthDate.getMonthValue(),
                birthDate.getYear() % 100,
                district % 1000,
                serial % 1000);
        return body + checkDigit(body + "0");
    }
}
