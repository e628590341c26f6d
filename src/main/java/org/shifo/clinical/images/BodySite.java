package org.shifo.clinical.images;

import java.util.Arrays;
import java.util.Optional;

/**
 * The body-map vocabulary: where on the body an image was taken. The codes are stored and sent over the API;
 * the labels are {@code clinical.images.site.<code>} in the message bundles. "Left" and "right" are the
 * patient's. {@link #OTHER} covers what the map does not show (mucosa, nails, a site described in the notes).
 */
public enum BodySite {
    SCALP("scalp"),
    HEAD_FACE("head-face"),
    NECK("neck"),
    CHEST("chest"),
    ABDOMEN("abdomen"),
    GENITAL_AREA("genital-area"),
    BACK_UPPER("back-upper"),
    BACK_LOWER("back-lower"),
    BUTTOCKS("buttocks"),
    RIGHT_SHOULDER("right-shoulder"),
    LEFT_SHOULDER("left-shoulder"),
    RIGHT_UPPER_ARM("right-upper-arm"),
    LEFT_UPPER_ARM("left-upper-arm"),
    RIGHT_FOREARM("right-forearm"),
    LEFT_FOREARM("left-forearm"),
    RIGHT_HAND("right-hand"),
    LEFT_HAND("left-hand"),
    RIGHT_THIGH("right-thigh"),
    LEFT_THIGH("left-thigh"),
    RIGHT_LOWER_LEG("right-lower-leg"),
    LEFT_LOWER_LEG("left-lower-leg"),
    RIGHT_FOOT("right-foot"),
    LEFT_FOOT("left-foot"),
    OTHER("other");

    private final String code;

    BodySite(String code) {
        this.code = code;
    }

    /** The stored and transmitted code, e.g. {@code left-forearm}. */
    public String code() {
        return code;
    }

    /** The message key of the label. */
    public String messageKey() {
        return "clinical.images.site." + code;
    }

    public static Optional<BodySite> fromCode(String code) {
        return Arrays.stream(values()).filter(site -> site.code.equals(code)).findFirst();
    }
}
