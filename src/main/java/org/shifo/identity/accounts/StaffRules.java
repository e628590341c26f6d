package org.shifo.identity.accounts;

import com.google.i18n.phonenumbers.NumberParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.domain.PasswordPolicy;

/** The field rules of staff accounts, each failure naming its field (checked before anything is written). */
final class StaffRules {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private StaffRules() {}

    static String username(String raw) {
        String username = raw.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw IdentityRuleException.invalid(
                    "username",
                    "must be 3 to 64 letters a-z, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        return username;
    }

    static String fullName(String raw) {
        String name = raw.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)
                || name.contains("<")) {
            throw IdentityRuleException.invalid("fullName", "must be 1 to 200 characters of text");
        }
        return name;
    }

    static @Nullable String email(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.strip();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw IdentityRuleException.invalid("email", "must be an email address");
        }
        return email;
    }

    static @Nullable String phone(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        try {
            var number = util.parse(raw, "UZ");
            if (!util.isValidNumber(number)) {
                throw IdentityRuleException.invalid("phone", "must be a valid phone number");
            }
            return util.format(number, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw IdentityRuleException.invalid("phone", "must be a valid phone number");
        }
    }

    static String language(@Nullable String raw) {
        String language = raw == null || raw.isBlank() ? "uz" : raw.strip().toLowerCase(Locale.ROOT);
        if (!language.equals("uz") && !language.equals("ru") && !language.equals("en")) {
            throw IdentityRuleException.invalid("language", "must be one of uz, ru, en");
        }
        return language;
    }

    static void password(String password, String username, String field) {
        PasswordPolicy.check(password, username).ifPresent(violation -> {
            throw IdentityRuleException.invalid(field, violation.message());
        });
    }

    static String name(String raw, String field) {
        String name = raw.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)
                || name.contains("<")) {
            throw IdentityRuleException.invalid(field, "must be 1 to 200 characters of text");
        }
        return name;
    }

    static ZoneId timeZone(@Nullable String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return ZoneId.of("Asia/Tashkent");
        }
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            throw IdentityRuleException.invalid(field, "must be an IANA time zone such as Asia/Tashkent");
        }
    }
}
