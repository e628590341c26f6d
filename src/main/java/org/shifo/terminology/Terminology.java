package org.shifo.terminology;

import java.util.List;
import java.util.Optional;

/**
 * Diagnosis code systems of the caller's clinic (tenant from {@link org.shifo.identity.TenantContext}): what a
 * code means, whether it may be recorded, and search by code or words in any language imported.
 */
public interface Terminology {

    /** WHO ICD-10 (and the Russian МКБ-10 edition of it). */
    String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    /** The US ICD-10-CM: a separate code system, never mixed with WHO codes. */
    String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

    /**
     * The canonical system URI for a URI or a short name ({@code ICD-10}, {@code icd10}, {@code ICD-10-CM}, a
     * local list's name); empty when no such system is known.
     */
    Optional<String> system(String systemOrAlias);

    /**
     * Checks a code as a diagnosis needs it: it exists in an imported set of the system, is active and is a
     * codable leaf. With no set of the system imported, the code is checked by the ICD-10 structure only and the
     * answer says {@link CodeCheck.Verdict#UNVERIFIED}. The title is in {@code language} when imported in it,
     * else in another language present.
     */
    CodeCheck check(String system, String code, String language);

    /** Codes of the system matching a code prefix or words (any language present), best first. */
    List<Concept> search(String system, String query, String language, int limit);

    /** Whether any code set of the system has been imported for the clinic (else the admin sees a banner). */
    boolean hasImportedSet(String system);
}
