package org.shifo.billing.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.persistence.ReconciliationStore.Checked;
import org.shifo.billing.persistence.ReconciliationStore.ItemRow;
import org.shifo.billing.reconciliation.Reconciliation;

/**
 * A reconciliation report as CSV (RFC 4180, comma, CRLF): one row per discrepancy, the transaction's columns named
 * as in PayMe's GetStatement. Text cells that a spreadsheet would take for a formula are prefixed with {@code '}.
 */
public final class ReconciliationCsv {

    static final List<String> HEADER = List.of(
            "kind",
            "detail",
            "provider",
            "id",
            "time",
            "amount",
            "create_time",
            "perform_time",
            "cancel_time",
            "transaction",
            "state",
            "reason",
            "invoice_id",
            "payment_reference",
            "invoice_status",
            "invoice_total",
            "invoice_paid",
            "payment_id",
            "payment_amount",
            "payment_refunded");

    private ReconciliationCsv() {}

    public static String of(Reconciliation.Report report) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (ItemRow item : report.items()) {
            Checked t = item.transaction();
            Map<String, @Nullable Object> statement = ReconciliationApiController.statement(t);
            row(
                    csv,
                    List.of(
                            item.kind(),
                            item.detail(),
                            t.provider(),
                            text(statement.get("id")),
                            text(statement.get("time")),
                            text(statement.get("amount")),
                            text(statement.get("create_time")),
                            text(statement.get("perform_time")),
                            text(statement.get("cancel_time")),
                            text(statement.get("transaction")),
                            text(statement.get("state")),
                            text(statement.get("reason")),
                            t.invoiceId().toString(),
                            t.paymentReference(),
                            t.invoiceStatus(),
                            Long.toString(t.invoiceTotal()),
                            Long.toString(t.invoicePaid()),
                            text(t.paymentId()),
                            text(t.paymentAmount()),
                            Boolean.toString(t.paymentRefunded())));
        }
        return csv.toString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : Objects.toString(value);
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+@\t\r".indexOf(value.charAt(0)) >= 0
                        || (value.startsWith("-") && !value.matches("-[0-9]+"))
                ? "'" + value
                : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
