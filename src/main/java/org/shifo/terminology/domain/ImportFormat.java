package org.shifo.terminology.domain;

import java.util.Optional;

/** The file formats a code set is imported from (docs/terminology.md describes each). */
public enum ImportFormat {
    /** WHO ICD-10 in ClaML XML. */
    ICD10_CLAML(true),
    /** The Russian Ministry of Health МКБ-10 reference data CSV. */
    MKB10_NSI_CSV(true),
    /** The US ICD-10-CM order file (fixed width). */
    ICD10CM_ORDER(true),
    /** {@code code,title,parent,language,leaf}: a local list or more titles; adds and updates, never retires. */
    CSV(false);

    private final boolean fullFile;

    ImportFormat(boolean fullFile) {
        this.fullFile = fullFile;
    }

    /**
     * Whether a file of this format lists the whole code set, so that a code it no longer lists is retired (only
     * codes an earlier file of the same format listed).
     */
    public boolean isFullFile() {
        return fullFile;
    }

    public static Optional<ImportFormat> parse(String name) {
        for (ImportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
