package org.shifo.identity.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A short, recognisable name for a client ("Firefox on Windows", "curl"), taken from its {@code User-Agent}
 * header so that a staff member can tell their sessions apart. Only the summary is stored: the full header is
 * long, and a fingerprint nobody needs.
 */
public final class UserAgentSummary {

    /** The longest summary kept. */
    public static final int MAX_LENGTH = 80;

    private static final List<Named> BROWSERS = List.of(
            new Named("Edg/", "Edge"),
            new Named("OPR/", "Opera"),
            new Named("YaBrowser/", "Yandex Browser"),
            new Named("Firefox/", "Firefox"),
            new Named("Chromium/", "Chromium"),
            new Named("Chrome/", "Chrome"),
            new Named("Safari/", "Safari"));

    private static final List<Named> SYSTEMS = List.of(
            new Named("Android", "Android"),
            new Named("iPhone", "iOS"),
            new Named("iPad", "iPadOS"),
            new Named("Windows", "Windows"),
            new Named("Mac OS X", "macOS"),
            new Named("CrOS", "ChromeOS"),
            new Named("Linux", "Linux"));

    private static final Pattern FIRST_PRODUCT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]{0,39})");

    private UserAgentSummary() {}

    /** The summary of a {@code User-Agent} header; {@code null} when there was none or nothing recognisable. */
    public static @Nullable String of(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser != null && userAgent.startsWith("Mozilla/")) {
            return system == null ? browser : browser + " · " + system;
        }
        Matcher product = FIRST_PRODUCT.matcher(userAgent.strip());
        if (product.find()) {
            String name = product.group(1);
            return name.toLowerCase(Locale.ROOT).equals("mozilla") ? system : name;
        }
        return null;
    }

    private static @Nullable String first(List<Named> names, String userAgent) {
        for (Named named : names) {
            if (userAgent.contains(named.marker())) {
                return named.name();
            }
        }
        return null;
    }

    private record Named(String marker, String name) {}
}
