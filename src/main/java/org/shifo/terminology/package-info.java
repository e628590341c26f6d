/**
 * Code sets a clinic imports and looks up: diagnosis code systems (WHO ICD-10 from ClaML, the Russian МКБ-10
 * CSV, the US ICD-10-CM order file, plain CSV lists and titles), the laboratory test catalogue and its units.
 * Other modules use {@link org.shifo.terminology.Terminology} and {@code LabCatalogue}.
 */
@ApplicationModule(
        displayName = "Terminology",
        allowedDependencies = {"platform", "identity", "audit"})
@NullMarked
package org.shifo.terminology;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
