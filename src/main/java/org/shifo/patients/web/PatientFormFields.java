package org.shifo.patients.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Violation;
import org.springframework.util.MultiValueMap;

/**
 * The registration and edit form as the browser sends it. Inputs are named by the paths the registry's rules
 * use ({@code familyName}, {@code phones[0].number}, {@code address.region}), so a broken rule finds its input.
 * Empty phone and identifier rows are left out of the form that is checked; {@link #originalField} maps the
 * rules' indexes back to the rows on the page.
 */
final class PatientFormFields {

    static final String PRIMARY_PHONE = "primaryPhone";
    private static final Pattern ROW = Pattern.compile("^(phones|identifiers)\\[(\\d+)](.*)$");
    private static final List<String> SCALARS = List.of(
            "familyName",
            "givenName",
            "patronymic",
            "sex",
            "birthDate",
            "email",
            "language",
            "notes",
            "address.country",
            "address.region",
            "address.district",
            "address.street",
            "emergencyContact.name",
            "emergencyContact.phone",
            "emergencyContact.relation",
            "consents.sms",
            "consents.telegram",
            "consents.dataProcessing",
            "consents.dataProcessingDate");

    /** The fields that have an input or a group of their own on the page; other errors go to the summary. */
    private static final List<String> SHOWN_GROUPS = List.of("phones", "identifiers");

    private final Map<String, String> values;
    private final int phoneRows;
    private final int identifierRows;
    private final List<Integer> phoneIndexes = new ArrayList<>();
    private final List<Integer> identifierIndexes = new ArrayList<>();
    private final List<Violation> parseProblems = new ArrayList<>();

    private PatientFormFields(Map<String, String> values, int phoneRows, int identifierRows) {
        this.values = values;
        this.phoneRows = Math.min(phoneRows, PatientRules.MAX_PHONES);
        this.identifierRows = Math.min(identifierRows, PatientRules.MAX_IDENTIFIERS);
    }

    /** An empty form: a new patient in Uzbekistan, speaking Uzbek. */
    static PatientFormFields blank() {
        Map<String, String> values = new HashMap<>();
        values.put("address.country", "UZ");
        values.put("language", "uz");
        values.put(PRIMARY_PHONE, "0");
        return new PatientFormFields(values, 2, 1);
    }

    /** What the browser sent; {@code extraRow} names a list (phones, identifiers) that should get one more row. */
    static PatientFormFields of(MultiValueMap<String, String> params, @Nullable String extraRow) {
        Map<String, String> values = new HashMap<>();
        params.forEach((name, sent) -> {
            if (!sent.isEmpty()
                    && (SCALARS.contains(name) || ROW.matcher(name).matches() || name.equals(PRIMARY_PHONE))) {
                values.put(name, sent.getFirst());
            }
        });
        int phones = rows(values, "phones");
        int identifiers = rows(values, "identifiers");
        return new PatientFormFields(
                values,
                Math.max(filled(values, "phones", phones) + ("phones".equals(extraRow) ? 2 : 1), phones),
                Math.max(filled(values, "identifiers", identifiers) + ("identifiers".equals(extraRow) ? 2 : 1), 1));
    }

    /** A stored record's data, to edit it. */
    static PatientFormFields of(PatientForm form) {
        Map<String, String> values = new HashMap<>();
        put(values, "familyName", form.familyName());
        put(values, "givenName", form.givenName());
        put(values, "patronymic", form.patronymic());
        put(values, "sex", form.sex());
        put(
                values,
                "birthDate",
                form.birthDate() == null ? null : form.birthDate().toString());
        put(values, "email", form.email());
        put(values, "language", form.language());
        put(values, "notes", form.notes());
        PatientForm.Address address = form.address();
        if (address != null) {
            put(values, "address.country", address.country());
            put(values, "address.region", address.region());
            put(values, "address.district", address.district());
            put(values, "address.street", address.street());
        }
        PatientForm.EmergencyContact contact = form.emergencyContact();
        if (contact != null) {
            put(values, "emergencyContact.name", contact.name());
            put(values, "emergencyContact.phone", contact.phone());
            put(values, "emergencyContact.relation", contact.relation());
        }
        PatientForm.Consents consents = form.consents();
        if (consents != null) {
            put(values, "consents.sms", Boolean.TRUE.equals(consents.sms()) ? "true" : null);
            put(values, "consents.telegram", Boolean.TRUE.equals(consents.telegram()) ? "true" : null);
            put(values, "consents.dataProcessing", Boolean.TRUE.equals(consents.dataProcessing()) ? "true" : null);
            put(
                    values,
                    "consents.dataProcessingDate",
                    consents.dataProcessingDate() == null
                            ? null
                            : consents.dataProcessingDate().toString());
        }
        List<PatientForm.@Nullable Phone> phones = new ArrayList<>();
        if (form.phones() != null) {
            phones.addAll(form.phones());
        }
        values.put(PRIMARY_PHONE, "0");
        for (int i = 0; i < phones.size(); i++) {
            PatientForm.Phone phone = phones.get(i);
            if (phone != null) {
                put(values, "phones[" + i + "].number", phone.number());
                if (Boolean.TRUE.equals(phone.primary())) {
                    values.put(PRIMARY_PHONE, Integer.toString(i));
                }
            }
        }
        List<PatientForm.@Nullable Identifier> identifiers = new ArrayList<>();
        if (form.identifiers() != null) {
            identifiers.addAll(form.identifiers());
        }
        for (int i = 0; i < identifiers.size(); i++) {
            PatientForm.Identifier identifier = identifiers.get(i);
            if (identifier != null) {
                put(values, "identifiers[" + i + "].type", identifier.type());
                put(values, "identifiers[" + i + "].value", identifier.value());
                put(values, "identifiers[" + i + "].country", identifier.country());
            }
        }
        return new PatientFormFields(values, phones.size() + 1, identifiers.size() + 1);
    }

    private static void put(Map<String, String> values, String name, @Nullable String value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    private static int rows(Map<String, String> values, String list) {
        int rows = 0;
        for (String name : values.keySet()) {
            Matcher row = ROW.matcher(name);
            if (row.matches() && row.group(1).equals(list)) {
                rows = Math.max(rows, Integer.parseInt(row.group(2)) + 1);
            }
        }
        return Math.min(rows, 100);
    }

    private static int filled(Map<String, String> values, String list, int rows) {
        int filled = 0;
        for (int i = 0; i < rows; i++) {
            if (!isBlankRow(values, list, i)) {
                filled = i + 1;
            }
        }
        return filled;
    }

    private static boolean isBlankRow(Map<String, String> values, String list, int i) {
        String prefix = list + "[" + i + "].";
        return list.equals("phones")
                ? text(values.get(prefix + "number")) == null
                : text(values.get(prefix + "value")) == null && text(values.get(prefix + "country")) == null;
    }

    /** The form to check: blank rows left out, blank text as missing. */
    PatientForm toForm() {
        phoneIndexes.clear();
        identifierIndexes.clear();
        parseProblems.clear();
        int primary = parseIndex(values.get(PRIMARY_PHONE));
        List<PatientForm.@Nullable Phone> phones = new ArrayList<>();
        for (int i = 0; i < phoneRows; i++) {
            if (!isBlankRow(values, "phones", i)) {
                phoneIndexes.add(i);
                phones.add(new PatientForm.Phone(text(values.get("phones[" + i + "].number")), i == primary));
            }
        }
        List<PatientForm.@Nullable Identifier> identifiers = new ArrayList<>();
        for (int i = 0; i < identifierRows; i++) {
            if (!isBlankRow(values, "identifiers", i)) {
                identifierIndexes.add(i);
                String prefix = "identifiers[" + i + "].";
                identifiers.add(new PatientForm.Identifier(
                        text(values.get(prefix + "type")),
                        text(values.get(prefix + "value")),
                        text(values.get(prefix + "country"))));
            }
        }
        String name = text(values.get("emergencyContact.name"));
        String phone = text(values.get("emergencyContact.phone"));
        String relation = text(values.get("emergencyContact.relation"));
        boolean dataProcessing = checked("consents.dataProcessing");
        return new PatientForm(
                text(values.get("familyName")),
                text(values.get("givenName")),
                text(values.get("patronymic")),
                text(values.get("sex")),
                date("birthDate"),
                phones,
                text(values.get("email")),
                new PatientForm.Address(
                        text(values.get("address.country")),
                        text(values.get("address.region")),
                        text(values.get("address.district")),
                        text(values.get("address.street"))),
                text(values.get("language")),
                identifiers,
                name == null && phone == null && relation == null
                        ? null
                        : new PatientForm.EmergencyContact(name, phone, relation),
                text(values.get("notes")),
                new PatientForm.Consents(
                        checked("consents.sms"),
                        checked("consents.telegram"),
                        dataProcessing,
                        date("consents.dataProcessingDate")));
    }

    private boolean checked(String name) {
        return "true".equals(values.get(name));
    }

    private @Nullable LocalDate date(String name) {
        String text = text(values.get(name));
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            parseProblems.add(Violation.of(name, "date-invalid", "is not a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static int parseIndex(@Nullable String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Problems found while reading the form (a date the browser did not check), before any rule ran. */
    List<Violation> parseProblems() {
        return List.copyOf(parseProblems);
    }

    /** The page's name of the field a rule names: list indexes of the checked form become the page's rows. */
    String originalField(String field) {
        Matcher row = ROW.matcher(field);
        if (!row.matches()) {
            return field;
        }
        List<Integer> indexes = row.group(1).equals("phones") ? phoneIndexes : identifierIndexes;
        int index = Integer.parseInt(row.group(2));
        return index < indexes.size() ? row.group(1) + "[" + indexes.get(index) + "]" + row.group(3) : field;
    }

    /** Whether the page shows an error for this field next to an input or group. */
    static boolean isShown(String field) {
        return SCALARS.contains(field)
                || SHOWN_GROUPS.contains(field)
                || ROW.matcher(field).matches()
                || field.equals("address")
                || field.equals("emergencyContact")
                || field.equals("consents");
    }

    Map<String, String> values() {
        return values;
    }

    public int phoneRows() {
        return phoneRows;
    }

    public int identifierRows() {
        return identifierRows;
    }

    /** The text of a field as the page shows it (empty when absent). */
    public String value(String name) {
        return values.getOrDefault(name, "");
    }
}
