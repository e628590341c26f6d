package org.shifo.audit.domain;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognises an IPv4 or IPv6 address literal (what PostgreSQL's {@code inet} accepts for a host), without
 * any name lookup. A client address that is not one (a misconfigured proxy header, say) must not fail the
 * transaction it is recorded in.
 */
public final class IpAddressLiteral {

    private IpAddressLiteral() {}

    /** The literal, without brackets or an IPv6 zone, or empty when {@code candidate} is not one. */
    public static Optional<String> normalize(@Nullable String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        String value = candidate.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (value.indexOf(':') >= 0 ? isIpv6(value) : isIpv4(value)) {
            return Optional.of(value.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    static boolean isIpv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String value) {
        if (value.length() > 45) {
            return false;
        }
        int doubleColon = value.indexOf("::");
        if (doubleColon >= 0 && value.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? value.substring(0, doubleColon) : value;
        String tail = doubleColon >= 0 ? value.substring(doubleColon + 2) : "";
        int groups = 0;
        String[][] halves = {
            head.isEmpty() ? new String[0] : head.split(":", -1), tail.isEmpty() ? new String[0] : tail.split(":", -1)
        };
        for (int half = 0; half < 2; half++) {
            String[] parts = halves[half];
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                boolean last = (half == 1 || doubleColon < 0) && i == parts.length - 1;
                if (last && part.indexOf('.') >= 0) {
                    if (!isIpv4(part)) {
                        return false;
                    }
                    groups += 2;
                } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddressLiteral::isHex)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
