package org.shifo.billing.click;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One Prepare or Complete call as Click sent it: the raw form values (kept as received, for the signature) and
 * the integers parsed from them. {@link #parse} answers null when a required field is missing or an integer
 * field is not one (spec §8.1 step 1, §8.5): Click gets -8.
 *
 * @param action 0 (Prepare) or 1 (Complete) as sent; any other number is answered -3 after the signature check
 * @param formulaAction which signature formula and field set apply: the action sent when it is 0 or 1, else the
 *     route's
 */
record ClickRequest(
        String clickTransIdRaw,
        long clickTransId,
        String serviceIdRaw,
        String clickPaydocIdRaw,
        String merchantTransId,
        @Nullable String merchantPrepareIdRaw,
        long merchantPrepareId,
        String amount,
        String actionRaw,
        long action,
        int formulaAction,
        long error,
        String errorNote,
        String signTime,
        String signString) {

    static final int PREPARE = 0;
    static final int COMPLETE = 1;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,2})?");
    /** The largest amount a provider transaction may carry, in tiyin (as the database's check). */
    private static final long MAX_TIYIN = 200_000_000_000_000_000L;

    /** The request's fields, or null when one is missing or malformed (-8). */
    static @Nullable ClickRequest parse(Function<String, @Nullable String> form, int routeAction) {
        String actionRaw = form.apply("action");
        Long action = integer(actionRaw);
        if (actionRaw == null || action == null) {
            return null;
        }
        int formulaAction = action == PREPARE || action == COMPLETE ? action.intValue() : routeAction;
        String clickTransId = form.apply("click_trans_id");
        String serviceId = form.apply("service_id");
        String paydocId = form.apply("click_paydoc_id");
        String merchantTransId = form.apply("merchant_trans_id");
        String prepareId = formulaAction == COMPLETE ? form.apply("merchant_prepare_id") : null;
        String amount = form.apply("amount");
        String error = form.apply("error");
        String errorNote = form.apply("error_note");
        String signTime = form.apply("sign_time");
        String signString = form.apply("sign_string");
        Long transId = integer(clickTransId);
        Long errorCode = integer(error);
        Long prepare = integer(prepareId);
        if (clickTransId == null
                || transId == null
                || serviceId == null
                || integer(serviceId) == null
                || paydocId == null
                || integer(paydocId) == null
                || merchantTransId == null
                || merchantTransId.isEmpty()
                || amount == null
                || errorCode == null
                || errorNote == null
                || signTime == null
                || signTime.isBlank()
                || signString == null
                || signString.isEmpty()
                || (formulaAction == COMPLETE && prepare == null)) {
            return null;
        }
        return new ClickRequest(
                clickTransId,
                transId,
                serviceId,
                paydocId,
                merchantTransId,
                prepareId,
                prepare == null ? 0 : prepare,
                amount,
                actionRaw,
                action,
                formulaAction,
                errorCode,
                errorNote,
                signTime,
                signString);
    }

    private static @Nullable Long integer(@Nullable String value) {
        if (value == null || !INTEGER.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null; // beyond 64 bits
        }
    }

    boolean isComplete() {
        return formulaAction == COMPLETE;
    }

    /** Whether {@code action} is one Click defines (0 or 1); else -3. */
    boolean knownAction() {
        return action == PREPARE || action == COMPLETE;
    }

    /**
     * The amount in tiyin, or -1 when it is not a positive number of so'm with at most two decimals (-2). Parsed
     * from the text, never through floating point.
     */
    long amountTiyin() {
        if (!AMOUNT.matcher(amount).matches()) {
            return -1;
        }
        BigDecimal tiyin = new BigDecimal(amount).movePointRight(2);
        if (tiyin.signum() <= 0 || tiyin.compareTo(BigDecimal.valueOf(MAX_TIYIN)) > 0) {
            return -1;
        }
        return tiyin.longValueExact();
    }

    /**
     * Whether {@code sign_string} is the MD5 of the raw fields with the secret (spec §5), compared
     * case-insensitively in constant time.
     */
    boolean signedWith(String secretKey) {
        String expected = signature(secretKey);
        byte[] presented = signString.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented);
    }

    /** The signature Click computes for these raw fields. */
    String signature(String secretKey) {
        StringBuilder text = new StringBuilder(clickTransIdRaw)
                .append(serviceIdRaw)
                .append(secretKey)
                .append(merchantTransId);
        if (isComplete()) {
            text.append(merchantPrepareIdRaw);
        }
        text.append(amount).append(actionRaw).append(signTime);
        return md5(text.toString());
    }

    static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ClickRequest[click_trans_id=" + clickTransIdRaw + ", service_id=" + serviceIdRaw
                + ", merchant_trans_id=" + merchantTransId + ", merchant_prepare_id=" + merchantPrepareIdRaw
                + ", action=" + actionRaw + ", error=" + error + "]";
    }
}
