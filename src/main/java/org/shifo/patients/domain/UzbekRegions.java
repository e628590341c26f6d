package org.shifo.patients.domain;

import java.util.List;

/**
 * The fourteen first-level divisions of Uzbekistan by their ISO 3166-2 codes: twelve regions (viloyat), the
 * Republic of Karakalpakstan and the city of Tashkent. Their names in three languages are in the message
 * bundles ({@code patients.region.<code>}).
 */
public final class UzbekRegions {

    public static final List<String> CODES = List.of(
            "UZ-TK", "UZ-TO", "UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-NG", "UZ-NW", "UZ-QA", "UZ-QR", "UZ-SA", "UZ-SI",
            "UZ-SU", "UZ-XO");

    private UzbekRegions() {}

    public static boolean isKnown(String code) {
        return CODES.contains(code);
    }
}
