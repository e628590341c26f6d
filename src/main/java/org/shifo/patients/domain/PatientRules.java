package org.shifo.patients.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.validator.routines.EmailValidator;
import org.jspecify.annotations.Nullable;

/**
 * Every rule a patient record must keep, checked on the server for API and pages alike. {@link #check}
 * collects every broken rule (not only the first) with the JSON path of its field, and returns the record
 * normalised: names trimmed with whitespace collapsed, phones in E.164, identifiers upper-case without
 * spaces, free text trimmed. Free text is stored as plain text and escaped wherever it is shown.
 */
public final class PatientRules {

    public static final int NAME_MAX = 100;
    public static final int MAX_PHONES = 5;
    public static final int MAX_IDENTIFIERS = 10;
    public static final int NOTES_MAX = 2000;
    public static final int MAX_AGE_YEARS = 130;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final List<Violation> violations = new ArrayList<>();

    private PatientRules() {}

    /** Checks a form against every rule; {@code today} is the date in the branch's time zone. */
    public static PatientData check(PatientForm form, LocalDate today) {
        PatientRules rules = new PatientRules();
        PatientData data = rules.apply(form, today);
        if (!rules.violations.isEmpty()) {
            throw new PatientRuleException(rules.violations);
        }
        return data;
    }

    private PatientData apply(PatientForm form, LocalDate today) {
        String family = name("familyName", form.familyName(), true, NAME_MAX);
        String given = name("givenName", form.givenName(), true, NAME_MAX);
        String patronymic = name("patronymic", form.patronymic(), false, NAME_MAX);
        Sex sex = sex(form.sex());
        LocalDate birthDate = birthDate(form.birthDate(), today);
        List<PatientData.PhoneNumber> phones = phones(form.phones());
        String email = email(form.email());
        PatientData.Address address = address(form.address());
        String language = language(form.language());
        List<PatientData.Identifier> identifiers = identifiers(form.identifiers(), sex, birthDate);
        PatientData.EmergencyContact emergency = emergencyContact(form.emergencyContact());
        String notes = plainText("notes", form.notes(), NOTES_MAX, true);
        PatientData.Consents consents = consents(form.consents(), today);
        return new PatientData(
                family == null ? "" : family,
                given == null ? "" : given,
                patronymic,
                sex == null ? Sex.UNKNOWN : sex,
                birthDate == null ? today : birthDate,
                phones,
                email,
                address,
                language,
                identifiers,
                emergency,
                notes,
                consents);
    }

    // --- names

    private @Nullable String name(String field, @Nullable String raw, boolean required, int max) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                fail(field, "required", "is required");
            }
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (hasControlCharacter(text, false)) {
            fail(field, "control-characters", "must not contain control characters");
            return null;
        }
        text = collapseWhitespace(text);
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            fail(field, "markup", "must not contain markup (< or >)");
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            fail(field, "too-long", "must be at most " + max + " characters", max);
            return null;
        }
        if (!isNameText(text)) {
            fail(
                    field,
                    "name-characters",
                    "may contain only Latin or Cyrillic letters (including oʻ and gʻ), spaces, hyphens and"
                            + " apostrophes, and must begin with a letter");
            return null;
        }
        return text;
    }

    /** Letters of the Latin and Cyrillic scripts, spaces, hyphens and apostrophes; starts with a letter. */
    public static boolean isNameText(String text) {
        if (text.isEmpty()) {
            return false;
        }
        int first = text.codePointAt(0);
        if (!isNameLetter(first)) {
            return false;
        }
        int previous = first;
        for (int i = Character.charCount(first); i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean separator = c == ' ' || c == '-';
            if (!(isNameLetter(c) || separator || (c < 0x10000 && NameKey.isApostrophe((char) c)))) {
                return false;
            }
            if (separator && (previous == ' ' || previous == '-')) {
                return false;
            }
            previous = c;
            i += Character.charCount(c);
        }
        return previous != ' ' && previous != '-';
    }

    private static boolean isNameLetter(int c) {
        if (!Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.CYRILLIC;
    }

    // --- sex and dates

    private @Nullable Sex sex(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            fail("sex", "required", "is required");
            return null;
        }
        try {
            return Sex.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            fail("sex", "one-of", "must be one of MALE, FEMALE, OTHER, UNKNOWN", "MALE, FEMALE, OTHER, UNKNOWN");
            return null;
        }
    }

    private @Nullable LocalDate birthDate(@Nullable LocalDate date, LocalDate today) {
        if (date == null) {
            fail("birthDate", "required", "is required");
            return null;
        }
        if (date.isAfter(today)) {
            fail("birthDate", "future-date", "must not be in the future");
            return null;
        }
        if (date.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            fail("birthDate", "too-old", "must not be more than " + MAX_AGE_YEARS + " years ago", MAX_AGE_YEARS);
            return null;
        }
        return date;
    }

    // --- phones and e-mail

    private List<PatientData.PhoneNumber> phones(@Nullable List<PatientForm.@Nullable Phone> raw) {
        if (raw == null || raw.isEmpty()) {
            fail("phones", "phone-required", "must list at least one phone number");
            return List.of();
        }
        if (raw.size() > MAX_PHONES) {
            fail("phones", "too-many", "may list at most " + MAX_PHONES + " numbers", MAX_PHONES);
            return List.of();
        }
        List<String> numbers = new ArrayList<>();
        List<Boolean> primaries = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            PatientForm.Phone phone = raw.get(i);
            String field = "phones[" + i + "].number";
            if (phone == null) {
                fail("phones[" + i + "]", "required", "is required");
                continue;
            }
            Optional<String> e164 = phoneNumber(field, phone.number(), true);
            if (e164.isEmpty()) {
                continue;
            }
            if (numbers.contains(e164.get())) {
                fail(field, "duplicate-phone", "is listed twice");
                continue;
            }
            numbers.add(e164.get());
            primaries.add(Boolean.TRUE.equals(phone.primary()));
        }
        long primaryCount = primaries.stream().filter(Boolean::booleanValue).count();
        if (primaryCount > 1) {
            fail("phones", "one-primary", "must have exactly one primary number");
        }
        List<PatientData.PhoneNumber> phones = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            boolean primary = primaryCount == 0 ? i == 0 : primaries.get(i);
            phones.add(new PatientData.PhoneNumber(numbers.get(i), primary));
        }
        return phones;
    }

    /** A phone number in any usual format (default region Uzbekistan) as E.164, or the rule it broke. */
    private Optional<String> phoneNumber(String field, @Nullable String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                fail(field, "required", "is required");
            }
            return Optional.empty();
        }
        Optional<String> e164 = toE164(raw);
        if (e164.isEmpty()) {
            fail(field, "phone-invalid", "is not a valid phone number (for example +998 90 123 45 67)");
        }
        return e164;
    }

    /** Parses a phone number written in any usual format, Uzbekistan being the default region. */
    public static Optional<String> toE164(String raw) {
        if (raw.length() > 32 || hasControlCharacter(raw, false)) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, "UZ");
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException invalid) {
            return Optional.empty();
        }
    }

    private @Nullable String email(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.trim();
        if (email.length() > 254 || !EmailValidator.getInstance(false, true).isValid(email)) {
            fail("email", "email-invalid", "is not a valid e-mail address");
            return null;
        }
        return email;
    }

    // --- address, language, free text

    private PatientData.Address address(PatientForm.@Nullable Address raw) {
        if (raw == null) {
            return PatientData.Address.NONE;
        }
        String country = raw.country() == null || raw.country().isBlank()
                ? "UZ"
                : raw.country().trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            fail("address.country", "country-code", "must be an ISO 3166-1 two-letter country code");
            country = "UZ";
        }
        String region = plainText("address.region", raw.region(), 100, false);
        if (region != null && country.equals("UZ")) {
            region = region.toUpperCase(Locale.ROOT);
            if (!UzbekRegions.isKnown(region)) {
                fail(
                        "address.region",
                        "region-code",
                        "must be one of the regions of Uzbekistan: " + String.join(", ", UzbekRegions.CODES),
                        String.join(", ", UzbekRegions.CODES));
                region = null;
            }
        }
        String district = plainText("address.district", raw.district(), 100, false);
        String street = plainText("address.street", raw.street(), 300, false);
        return new PatientData.Address(country, region, district, street);
    }

    private String language(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return "uz";
        }
        String language = raw.trim().toLowerCase(Locale.ROOT);
        if (!language.equals("uz") && !language.equals("ru") && !language.equals("en")) {
            fail("language", "one-of", "must be one of uz, ru, en", "uz, ru, en");
            return "uz";
        }
        return language;
    }

    /** Plain text: trimmed, no control characters (line breaks allowed where {@code multiline}). */
    private @Nullable String plainText(String field, @Nullable String raw, int max, boolean multiline) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (hasControlCharacter(text, multiline)) {
            fail(field, "control-characters", "must not contain control characters");
            return null;
        }
        if (!multiline) {
            text = collapseWhitespace(text);
        }
        if (text.codePointCount(0, text.length()) > max) {
            fail(field, "too-long", "must be at most " + max + " characters", max);
            return null;
        }
        return text;
    }

    // --- identifiers

    private List<PatientData.Identifier> identifiers(
            @Nullable List<PatientForm.@Nullable Identifier> raw, @Nullable Sex sex, @Nullable LocalDate birthDate) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.size() > MAX_IDENTIFIERS) {
            fail("identifiers", "too-many", "may list at most " + MAX_IDENTIFIERS + " identifiers", MAX_IDENTIFIERS);
            return List.of();
        }
        List<PatientData.Identifier> identifiers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean hasPinfl = false;
        for (int i = 0; i < raw.size(); i++) {
            String base = "identifiers[" + i + "]";
            PatientForm.Identifier identifier = raw.get(i);
            if (identifier == null) {
                fail(base, "required", "is required");
                continue;
            }
            IdentifierType type = identifierType(base + ".type", identifier.type());
            if (type == null) {
                continue;
            }
            String value = identifierValue(base + ".value", type, identifier.value(), sex, birthDate);
            String country = identifierCountry(base + ".country", type, identifier.country());
            if (value == null || country == null) {
                continue;
            }
            if (type == IdentifierType.PINFL) {
                if (hasPinfl) {
                    fail(base + ".type", "one-pinfl", "a patient has one PINFL");
                    continue;
                }
                hasPinfl = true;
            }
            if (!seen.add(type + "|" + country + "|" + value)) {
                fail(base + ".value", "duplicate-identifier-in-request", "is listed twice");
                continue;
            }
            identifiers.add(new PatientData.Identifier(type, value, country));
        }
        return identifiers;
    }

    private @Nullable IdentifierType identifierType(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            fail(field, "required", "is required");
            return null;
        }
        try {
            return IdentifierType.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            String types = "PINFL, UZ_PASSPORT, UZ_ID_CARD, BIRTH_CERTIFICATE, FOREIGN_PASSPORT, INSURANCE";
            fail(field, "one-of", "must be one of " + types, types);
            return null;
        }
    }

    private @Nullable String identifierValue(
            String field, IdentifierType type, @Nullable String raw, @Nullable Sex sex, @Nullable LocalDate birthDate) {
        if (raw == null || raw.isBlank()) {
            fail(field, "required", "is required");
            return null;
        }
        if (raw.length() > 64 || hasControlCharacter(raw, false)) {
            fail(field, "identifier-format", "is not a valid " + type + " number", type.name());
            return null;
        }
        String value = normaliseIdentifier(raw, type);
        switch (type) {
            case PINFL -> {
                return pinfl(field, value, sex, birthDate);
            }
            case UZ_PASSPORT, UZ_ID_CARD -> {
                if (!value.matches("[A-Z]{2}[0-9]{7}")) {
                    fail(field, "document-format", "must be two Latin letters and seven digits (AA1234567)");
                    return null;
                }
            }
            case BIRTH_CERTIFICATE -> {
                if (!value.matches("[A-Z0-9-]{4,20}") || !value.matches(".*[0-9].*")) {
                    fail(field, "birth-certificate-format", "must be the series and number, for example I-TN 1234567");
                    return null;
                }
            }
            case FOREIGN_PASSPORT -> {
                if (!value.matches("[A-Z0-9]{5,20}")) {
                    fail(field, "foreign-passport-format", "must be 5 to 20 Latin letters and digits");
                    return null;
                }
            }
            case INSURANCE -> {
                if (!value.matches("[A-Z0-9-]{3,30}")) {
                    fail(field, "insurance-format", "must be 3 to 30 Latin letters, digits and hyphens");
                    return null;
                }
            }
        }
        return value;
    }

    /**
     * Identifier values as stored: upper case, without spaces; hyphens only where the document has them (birth
     * certificates and insurance policies). Cyrillic letters that look like Latin ones in document series (А,
     * В, Е, К, М, Н, О, Р, С, Т, Х) are read as the Latin letters, the way the documents' Latin transcription
     * prints them.
     */
    public static String normaliseIdentifier(String raw, IdentifierType type) {
        StringBuilder out = new StringBuilder(raw.length());
        String upper = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            char latin = lookAlike(c);
            if (latin == ' ' || Character.isWhitespace(latin) || latin == '.') {
                continue;
            }
            if (latin == '-' && type != IdentifierType.BIRTH_CERTIFICATE && type != IdentifierType.INSURANCE) {
                continue;
            }
            out.append(latin);
        }
        return out.toString();
    }

    private static char lookAlike(char c) {
        return switch (c) {
            case 'А' -> 'A';
            case 'В' -> 'B';
            case 'Е' -> 'E';
            case 'К' -> 'K';
            case 'М' -> 'M';
            case 'Н' -> 'H';
            case 'О' -> 'O';
            case 'Р' -> 'P';
            case 'С' -> 'C';
            case 'Т' -> 'T';
            case 'Х' -> 'X';
            case '–', '—', '‐' -> '-';
            default -> c;
        };
    }

    private @Nullable String pinfl(String field, String value, @Nullable Sex sex, @Nullable LocalDate birthDate) {
        if (!Pinfl.hasValidShape(value)) {
            fail(field, "pinfl-format", "must be exactly 14 digits");
            return null;
        }
        Optional<LocalDate> encodedDate = Pinfl.birthDate(value);
        Optional<Sex> encodedSex = Pinfl.sex(value);
        if (encodedDate.isEmpty() || encodedSex.isEmpty()) {
            fail(field, "pinfl-structure", "does not begin with a valid century digit (1-6) and birth date (DDMMYY)");
            return null;
        }
        if (!Pinfl.hasValidCheckDigit(value)) {
            fail(field, "pinfl-check-digit", "has a wrong check digit; check the number for a typing error");
            return null;
        }
        if (birthDate != null && !encodedDate.get().equals(birthDate)) {
            fail(
                    field,
                    "pinfl-birth-date",
                    "encodes the birth date " + encodedDate.get() + ", which differs from birthDate",
                    encodedDate.get().toString());
            return null;
        }
        if (sex != null && (sex == Sex.MALE || sex == Sex.FEMALE) && encodedSex.get() != sex) {
            fail(
                    field,
                    "pinfl-sex",
                    "encodes the sex " + encodedSex.get() + ", which differs from sex",
                    encodedSex.get().name());
            return null;
        }
        return value;
    }

    private @Nullable String identifierCountry(String field, IdentifierType type, @Nullable String raw) {
        if (type != IdentifierType.FOREIGN_PASSPORT) {
            if (raw != null && !raw.isBlank() && !raw.trim().equalsIgnoreCase("UZ")) {
                fail(field, "country-not-applicable", "applies only to foreign passports");
                return null;
            }
            return "";
        }
        if (raw == null || raw.isBlank()) {
            fail(field, "required", "is required for a foreign passport");
            return null;
        }
        String country = raw.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            fail(field, "country-code", "must be an ISO 3166-1 two-letter country code");
            return null;
        }
        return country;
    }

    // --- emergency contact and consents

    private PatientData.@Nullable EmergencyContact emergencyContact(PatientForm.@Nullable EmergencyContact raw) {
        if (raw == null) {
            return null;
        }
        String name = name("emergencyContact.name", raw.name(), false, 200);
        String phone = phoneNumber("emergencyContact.phone", raw.phone(), false).orElse(null);
        String relation = plainText("emergencyContact.relation", raw.relation(), 100, false);
        if (name == null && phone == null && relation == null) {
            return null;
        }
        return new PatientData.EmergencyContact(name, phone, relation);
    }

    private PatientData.Consents consents(PatientForm.@Nullable Consents raw, LocalDate today) {
        if (raw == null) {
            return PatientData.Consents.NONE;
        }
        boolean dataProcessing = Boolean.TRUE.equals(raw.dataProcessing());
        LocalDate date = raw.dataProcessingDate();
        if (!dataProcessing && date != null) {
            fail("consents.dataProcessingDate", "consent-date-without-consent", "is given only with dataProcessing");
            date = null;
        }
        if (date != null && date.isAfter(today)) {
            fail("consents.dataProcessingDate", "future-date", "must not be in the future");
            date = null;
        }
        if (dataProcessing && date == null) {
            date = today;
        }
        return new PatientData.Consents(
                Boolean.TRUE.equals(raw.sms()), Boolean.TRUE.equals(raw.telegram()), dataProcessing, date);
    }

    // --- helpers

    static boolean hasControlCharacter(String text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean control = type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                            && !Character.isSurrogatePair(c, i + 1 < text.length() ? text.charAt(i + 1) : 0)
                            && !(i > 0 && Character.isSurrogatePair(text.charAt(i - 1), c))
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE
                    || c == '\u2028'
                    || c == '\u2029';
            if (control && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    static String collapseWhitespace(String text) {
        return text.strip().replaceAll("[\\s\\p{Z}]+", " ");
    }

    private void fail(String field, String code, String message, Object... arguments) {
        violations.add(Violation.of(field, code, message, arguments));
    }
}
