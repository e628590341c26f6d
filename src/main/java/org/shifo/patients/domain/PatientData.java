package org.shifo.patients.domain;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A patient record that passed every rule, normalised (trimmed names, E.164 phones, upper-case identifiers). */
public record PatientData(
        String familyName,
        String givenName,
        @Nullable String patronymic,
        Sex sex,
        LocalDate birthDate,
        List<PhoneNumber> phones,
        @Nullable String email,
        Address address,
        String language,
        List<Identifier> identifiers,
        @Nullable EmergencyContact emergencyContact,
        @Nullable String notes,
        Consents consents) {

    public PatientData {
        phones = List.copyOf(phones);
        identifiers = List.copyOf(identifiers);
    }

    /** The folded name used for search and matching. */
    public String nameKey() {
        return NameKey.of(familyName, givenName, patronymic);
    }

    /** The same data as a form, to check it again or to fill an edit page. */
    public PatientForm toForm() {
        return new PatientForm(
                familyName,
                givenName,
                patronymic,
                sex.name(),
                birthDate,
                phones.stream()
                        .<PatientForm.@Nullable Phone>map(p -> new PatientForm.Phone(p.e164(), p.primary()))
                        .toList(),
                email,
                new PatientForm.Address(address.country(), address.region(), address.district(), address.street()),
                language,
                identifiers.stream()
                        .<PatientForm.@Nullable Identifier>map(i -> new PatientForm.Identifier(
                                i.type().name(), i.value(), i.country().isEmpty() ? null : i.country()))
                        .toList(),
                emergencyContact == null
                        ? null
                        : new PatientForm.EmergencyContact(
                                emergencyContact.name(), emergencyContact.phone(), emergencyContact.relation()),
                notes,
                new PatientForm.Consents(
                        consents.sms(), consents.telegram(), consents.dataProcessing(), consents.dataProcessingDate()));
    }

    public record PhoneNumber(String e164, boolean primary) {}

    /** Country is ISO 3166-1 alpha-2; for Uzbekistan the region is an ISO 3166-2 code ({@link UzbekRegions}). */
    public record Address(String country, @Nullable String region, @Nullable String district, @Nullable String street) {

        public static final Address NONE = new Address("UZ", null, null, null);
    }

    /** Country is empty except for foreign passports. */
    public record Identifier(IdentifierType type, String value, String country) {}

    public record EmergencyContact(@Nullable String name, @Nullable String phone, @Nullable String relation) {}

    public record Consents(
            boolean sms, boolean telegram, boolean dataProcessing, @Nullable LocalDate dataProcessingDate) {

        public static final Consents NONE = new Consents(false, false, false, null);
    }
}
