package org.shifo.clinical.lab;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.LabFlag;
import org.shifo.terminology.LabTest;

/**
 * The flag of a numeric result (in the catalogue's unit) for a patient's sex and age on the day of collection:
 * past a critical limit is LL/HH, below the range's low limit L, above its high limit H, else N; the limits
 * themselves are normal. Without a range for the patient and within the critical limits, there is no flag.
 *
 * @param range the reference range used, or {@code null} when none applies
 */
public record LabInterpretation(@Nullable LabFlag flag, LabTest.@Nullable ReferenceRange range) {

    public boolean isCritical() {
        return flag != null && flag.isCritical();
    }

    public static LabInterpretation of(
            LabTest test, BigDecimal value, LabTest.@Nullable Sex sex, LocalDate birthDate, LocalDate collectedOn) {
        LabTest.ReferenceRange range =
                test.rangeFor(sex, birthDate, collectedOn).orElse(null);
        BigDecimal criticalLow = test.criticalLow();
        BigDecimal criticalHigh = test.criticalHigh();
        if (criticalLow != null && value.compareTo(criticalLow) < 0) {
            return new LabInterpretation(LabFlag.LL, range);
        }
        if (criticalHigh != null && value.compareTo(criticalHigh) > 0) {
            return new LabInterpretation(LabFlag.HH, range);
        }
        if (range == null) {
            return new LabInterpretation(null, null);
        }
        BigDecimal low = range.low();
        BigDecimal high = range.high();
        if (low != null && value.compareTo(low) < 0) {
            return new LabInterpretation(LabFlag.L, range);
        }
        if (high != null && value.compareTo(high) > 0) {
            return new LabInterpretation(LabFlag.H, range);
        }
        return new LabInterpretation(LabFlag.N, range);
    }
}
