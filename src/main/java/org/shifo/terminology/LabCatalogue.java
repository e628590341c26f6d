package org.shifo.terminology;

import java.util.List;
import java.util.Optional;

/**
 * The laboratory test catalogue of the caller's clinic (tenant from {@link org.shifo.identity.TenantContext}):
 * what a test code means, the unit its results are kept in and the units it converts from, and the reference
 * ranges and critical limits a result is flagged against. The starter catalogue is loaded into a clinic's
 * catalogue on its first use.
 */
public interface LabCatalogue {

    /** The active test with this code (or with this code among its aliases, such as a LOINC code in other units). */
    Optional<LabTest> find(String code);

    /** Every test of the clinic, active or not, in catalogue order (panel, then position). */
    List<LabTest> all();

    /** Active tests whose code or name in any language is close to {@code text}, best first: suggestions. */
    List<LabTest> suggest(String text, int limit);
}
