package org.shifo.patients.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static PatientForm form(String family, String given, @Nullable String pinfl) {
        return new PatientForm(
                family,
                given,
                null,
                "MALE",
                LocalDate.of(1985, 3, 12),
                List.of(new PatientForm.Phone("90 123 45 67", null)),
                null,
                null,
                null,
                pinfl == null ? null : List.of(new PatientForm.Identifier("PINFL", pinfl, null)),
                null,
                null,
                null);
    }

    static List<String> codes(PatientForm form) {
        PatientRuleException refused =
                catchThrowableOfType(PatientRuleException.class, () -> PatientRules.check(form, TODAY));
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().stream()
                .map(v -> v.field() + ":" + v.code())
                .toList();
    }

    @Test
    void aGoodRecordIsNormalised() {
        PatientData data = PatientRules.check(form("  Xoʻjayev ", "Oʻtkir   Bek", "3120 3850 2600 19"), TODAY);
        assertThat(data.familyName()).isEqualTo("Xoʻjayev");
        assertThat(data.givenName()).isEqualTo("Oʻtkir Bek");
        assertThat(data.phones()).containsExactly(new PatientData.PhoneNumber("+998901234567", true));
        assertThat(data.identifiers())
                .containsExactly(new PatientData.Identifier(IdentifierType.PINFL, "31203850260019", ""));
        assertThat(data.language()).isEqualTo("uz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Ali</b>", "Ali1", "Ali\u0000", "Ali;DROP", "😀", "-Ali", "Ali  -Vali", "Ali\u200B"})
    void hostileNamesAreRefused(String name) {
        assertThat(codes(form(name, "Vali", null))).singleElement().asString().startsWith("familyName:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Oʻrinboyeva", "Gʻulomov", "Xo'jayev", "Иванова-Петрова", "Ne’matov", "d'Artagnan"})
    void namesWrittenHereAreAccepted(String name) {
        assertThat(PatientRules.check(form(name, "Vali", null), TODAY).familyName())
                .isEqualTo(name);
    }

    @Test
    void pinflMustMatchCheckDigitBirthDateAndSex() {
        assertThat(codes(form("Ali", "Vali", "31203850260018")))
                .containsExactly("identifiers[0].value:pinfl-check-digit");
        String female = Pinfl.of(Sex.FEMALE, LocalDate.of(1985, 3, 12), 26, 1);
        assertThat(codes(form("Ali", "Vali", female))).containsExactly("identifiers[0].value:pinfl-sex");
        String otherDay = Pinfl.of(Sex.MALE, LocalDate.of(1985, 3, 13), 26, 1);
        assertThat(codes(form("Ali", "Vali", otherDay))).containsExactly("identifiers[0].value:pinfl-birth-date");
        assertThat(codes(form("Ali", "Vali", "1234"))).containsExactly("identifiers[0].value:pinfl-format");
    }

    @Test
    void everyBrokenRuleIsNamed() {
        PatientForm form = new PatientForm(
                "",
                null,
                null,
                "X",
                TODAY.plusDays(1),
                List.of(new PatientForm.Phone("12", true)),
                "not-an-email",
                new PatientForm.Address("UZ", "UZ-ZZ", null, null),
                "de",
                List.of(new PatientForm.Identifier("UZ_PASSPORT", "A123", null)),
                null,
                "line\u0007",
                null);
        assertThat(codes(form))
                .containsExactlyInAnyOrder(
                        "familyName:required",
                        "givenName:required",
                        "sex:one-of",
                        "birthDate:future-date",
                        "phones[0].number:phone-invalid",
                        "email:email-invalid",
                        "address.region:region-code",
                        "language:one-of",
                        "identifiers[0].value:document-format",
                        "notes:control-characters");
    }

    @Test
    void birthDateAtMostOneHundredThirtyYearsAgo() {
        PatientForm old = new PatientForm(
                "Ali",
                "Vali",
                null,
                "MALE",
                TODAY.minusYears(131),
                List.of(new PatientForm.Phone("+998901234567", true)),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(codes(old)).containsExactly("birthDate:too-old");
    }

    @Test
    void passportSeriesInCyrillicLookAlikesIsReadAsLatin() {
        assertThat(PatientRules.normaliseIdentifier("АА 123 45 67", IdentifierType.UZ_PASSPORT))
                .isEqualTo("AA1234567");
    }
}
