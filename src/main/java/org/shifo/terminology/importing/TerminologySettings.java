package org.shifo.terminology.importing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of code set imports, bound from {@code SHIFO_TERMINOLOGY_*} (see docs/configuration.md).
 *
 * @param maxImportSize the largest file an upload may carry (40 MB: the ICD-10-CM order file is about 15 MB)
 * @param progressEvery save an import's progress every so many codes
 * @param abandonedAfter an unfinished import not heard of for this long was left by a node that stopped: FAILED
 * @param importFile the command: import this file and exit (with {@code importFormat} and {@code
 *     importOrganization})
 */
@ConfigurationProperties("shifo.terminology")
@Validated
public record TerminologySettings(
        @DefaultValue("40MB") @NotNull DataSize maxImportSize,
        @DefaultValue("2000") @Min(1) @Max(1_000_000) int progressEvery,
        @DefaultValue("2m") @NotNull Duration abandonedAfter,
        @DefaultValue @Name("import") Import importCommand) {

    /**
     * The import command: {@code --shifo.terminology.import.file=... --shifo.terminology.import.format=...
     * --shifo.terminology.import.organization=<organization id>} and optionally {@code .system}.
     */
    public record Import(
            @Nullable String file, @Nullable String format, @Nullable String organization, @Nullable String system) {

        public boolean isRequested() {
            return file != null && !file.isBlank();
        }
    }
}
