package org.shifo.billing.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells: quoted when needed, and never taken for a formula by a spreadsheet. */
class ReconciliationCsvTests {

    @Test
    void cellsAreQuotedAndDefused() {
        assertThat(ReconciliationCsv.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(ReconciliationCsv.cell("+1")).isEqualTo("'+1");
        assertThat(ReconciliationCsv.cell("-1")).isEqualTo("-1");
        assertThat(ReconciliationCsv.cell("-x")).isEqualTo("'-x");
        assertThat(ReconciliationCsv.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(ReconciliationCsv.cell("PAID")).isEqualTo("PAID");
    }
}
