package org.shifo.billing.payme;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.billing.domain.InvoiceStatus;
import org.shifo.billing.domain.PaymentMethod;
import org.shifo.billing.invoices.InvoicePayments;
import org.shifo.billing.persistence.InvoiceStore;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.PaymentStore;
import org.shifo.billing.persistence.ProviderTransactionStore;
import org.shifo.billing.persistence.ProviderTransactionStore.TransactionRow;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PayMe's methods for one organization, each in one database transaction that begins with the key check: the
 * key, the transaction row, the invoice, the payment and {@code InvoicePaid} commit together or not at all. The
 * invoice row is locked before the transaction row whenever both are, so concurrent calls for one invoice take
 * turns; a repeated call finds the stored row and answers from it, with no second effect.
 */
@Component
class PaymeMerchant {

    /** PayMe's timeout for a created transaction: 12 hours (spec §7). */
    static final long TIMEOUT_MS = org.shifo.billing.invoices.InvoiceBook.PAYME_TIMEOUT_MS;

    static final String PROVIDER = ProviderCredentials.PAYME;
    static final List<String> METHODS = List.of(
            "CheckPerformTransaction",
            "CreateTransaction",
            "PerformTransaction",
            "CancelTransaction",
            "CheckTransaction",
            "GetStatement",
            "ChangePassword",
            "SetFiscalData");

    private static final Logger log = LoggerFactory.getLogger(PaymeMerchant.class);
    private static final AuditActor ACTOR = AuditActor.system("payme");

    private final ProviderCredentials credentials;
    private final InvoiceStore invoices;
    private final PaymentStore payments;
    private final ProviderTransactionStore transactions;
    private final InvoicePayments paying;
    private final AuditLog audit;
    private final JsonMapper json;
    private final java.time.Clock clock;
    private final TransactionTemplate transaction;

    PaymeMerchant(
            ProviderCredentials credentials,
            InvoiceStore invoices,
            PaymentStore payments,
            ProviderTransactionStore transactions,
            InvoicePayments paying,
            AuditLog audit,
            JsonMapper json,
            java.time.Clock clock,
            PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.invoices = invoices;
        this.payments = payments;
        this.transactions = transactions;
        this.paying = paying;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A method's answer: a result object, or an error code with its data. */
    record Outcome(@Nullable ObjectNode result, int error, @Nullable String data) {

        static Outcome ok(ObjectNode result) {
            return new Outcome(result, 0, null);
        }

        static Outcome error(int code, @Nullable String data) {
            return new Outcome(null, code, data);
        }

        static Outcome error(int code) {
            return error(code, null);
        }
    }

    /**
     * Checks the key and runs the call in one transaction of the organization (the caller has entered its
     * scope). {@code request} is the parsed body, or null when it was not JSON.
     */
    Outcome handle(TenantId tenant, String login, String key, @Nullable JsonNode request) {
        Outcome outcome = transaction.execute(status -> {
            Optional<ProviderCredentials.PaymeSettings> settings = credentials.verifyPayme(tenant, login, key);
            if (settings.isEmpty()) {
                log.warn("PayMe call refused: the key or login does not match the organization's");
                return Outcome.error(PaymeError.INSUFFICIENT_PRIVILEGE);
            }
            try {
                return dispatch(tenant, settings.get(), request);
            } catch (PaymeError error) {
                // request checks fail before anything is written: nothing to undo
                return Outcome.error(error.code(), error.data());
            }
        });
        return Objects.requireNonNull(outcome);
    }

    private Outcome dispatch(TenantId tenant, ProviderCredentials.PaymeSettings settings, @Nullable JsonNode request) {
        if (request == null) {
            throw new PaymeError(PaymeError.PARSE_ERROR);
        }
        if (!request.isObject()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST);
        }
        JsonNode method = request.get("method");
        JsonNode params = request.get("params");
        if (method == null || !method.isString() || params == null || !params.isObject()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST);
        }
        String name = method.asString();
        if (!METHODS.contains(name)) {
            return Outcome.error(PaymeError.METHOD_NOT_FOUND, name.length() > 100 ? name.substring(0, 100) : name);
        }
        PaymeParams p = new PaymeParams(params);
        UUID t = tenant.value();
        return switch (name) {
            case "CheckPerformTransaction" -> checkPerform(t, settings, p.amount(), p.account());
            case "CreateTransaction" -> create(t, settings, p.id(), p.whole("time"), p.amount(), p.account());
            case "PerformTransaction" -> perform(t, p.id());
            case "CancelTransaction" -> cancel(t, p.id(), p.reason());
            case "CheckTransaction" -> check(t, p.id());
            case "GetStatement" -> statement(t, p.whole("from"), p.whole("to"));
            case "ChangePassword" -> changePassword(tenant, p.text("password"));
            case "SetFiscalData" -> fiscalData(t, p.id(), p.text("type"), p.object("fiscal_data"));
            default -> throw new IllegalStateException("unreachable");
        };
    }

    // --- CheckPerformTransaction ---------------------------------------------------------------------------

    private Outcome checkPerform(
            UUID tenant, ProviderCredentials.PaymeSettings settings, BigDecimal amount, JsonNode account) {
        String field = settings.accountField();
        InvoiceRow invoice = payableInvoice(tenant, field, account, false);
        long tiyin = PaymeParams.tiyin(amount);
        if (tiyin <= 0 || tiyin != invoice.outstanding()) {
            return Outcome.error(PaymeError.WRONG_AMOUNT);
        }
        Optional<TransactionRow> reserving =
                transactions.findInState(tenant, PROVIDER, invoice.id(), ProviderTransactionStore.CREATED);
        if (reserving.isPresent() && !expired(reserving.get())) {
            return Outcome.error(PaymeError.INVOICE_NOT_PAYABLE, field);
        }
        recordRead(tenant, "payme.check_perform", invoice.id().toString());
        ObjectNode result = json.createObjectNode();
        result.put("allow", true);
        return Outcome.ok(result);
    }

    // --- CreateTransaction ---------------------------------------------------------------------------------

    private Outcome create(
            UUID tenant,
            ProviderCredentials.PaymeSettings settings,
            String id,
            long time,
            BigDecimal amount,
            JsonNode account) {
        Optional<TransactionRow> existing = transactions.find(tenant, PROVIDER, id);
        if (existing.isPresent()) {
            return repeatCreate(tenant, existing.get(), amount, account);
        }
        String field = settings.accountField();
        InvoiceRow invoice = issuedInvoice(tenant, field, account, true);
        // the invoice is locked now: a concurrent create of this id has committed (and is answered as a repeat,
        // whatever has happened to the invoice since) or waits for us
        existing = transactions.find(tenant, PROVIDER, id);
        if (existing.isPresent()) {
            return repeatCreate(tenant, existing.get(), amount, account);
        }
        payable(invoice, field);
        long tiyin = PaymeParams.tiyin(amount);
        if (tiyin <= 0 || tiyin != invoice.outstanding()) {
            return Outcome.error(PaymeError.WRONG_AMOUNT);
        }
        long now = clock.millis();
        Optional<TransactionRow> reserving =
                transactions.findInState(tenant, PROVIDER, invoice.id(), ProviderTransactionStore.CREATED);
        if (reserving.isPresent()) {
            if (!expired(reserving.get())) {
                return Outcome.error(PaymeError.CANNOT_PERFORM);
            }
            expire(tenant, reserving.get(), now);
        }
        if (now - time > TIMEOUT_MS) {
            return Outcome.error(PaymeError.CANNOT_PERFORM);
        }
        ProviderTransactionStore.NewTransaction row = new ProviderTransactionStore.NewTransaction(
                UUID.randomUUID(),
                PROVIDER,
                id,
                invoice.id(),
                tiyin,
                account.toString(),
                time,
                now,
                ProviderTransactionStore.CREATED,
                null,
                "{}");
        if (!transactions.insertIfAbsent(tenant, row, clock.instant())) {
            // the id exists in another organization (ids are unique per provider): not this one's to touch
            return Outcome.error(PaymeError.CANNOT_PERFORM);
        }
        TransactionRow created =
                transactions.find(tenant, PROVIDER, id).orElseThrow(() -> new IllegalStateException("not stored"));
        audit(tenant, "payme.create", invoice.id(), created);
        ObjectNode result = json.createObjectNode();
        result.put("create_time", created.createTime());
        result.put("transaction", Long.toString(created.number()));
        result.put("state", created.state());
        result.putNull("receivers");
        return Outcome.ok(result);
    }

    private Outcome repeatCreate(UUID tenant, TransactionRow stored, BigDecimal amount, JsonNode account) {
        if (stored.state() != ProviderTransactionStore.CREATED) {
            return Outcome.error(PaymeError.CANNOT_PERFORM);
        }
        if (PaymeParams.tiyin(amount) != stored.amount() || !sameAccount(stored, account)) {
            return Outcome.error(PaymeError.CANNOT_PERFORM);
        }
        if (expired(stored)) {
            InvoiceRow invoice = lockInvoice(tenant, stored.invoiceId());
            TransactionRow locked = lockTransaction(tenant, stored);
            if (locked.state() == ProviderTransactionStore.CREATED) {
                expire(tenant, locked, clock.millis());
            }
            Objects.requireNonNull(invoice);
            return Outcome.error(PaymeError.CANNOT_PERFORM);
        }
        ObjectNode result = json.createObjectNode();
        result.put("create_time", stored.createTime());
        result.put("transaction", Long.toString(stored.number()));
        result.put("state", stored.state());
        result.putNull("receivers");
        return Outcome.ok(result);
    }

    // --- PerformTransaction --------------------------------------------------------------------------------

    private Outcome perform(UUID tenant, String id) {
        Optional<TransactionRow> found = transactions.find(tenant, PROVIDER, id);
        if (found.isEmpty()) {
            return Outcome.error(PaymeError.TRANSACTION_NOT_FOUND);
        }
        if (found.get().state() == ProviderTransactionStore.CREATED) {
            InvoiceRow invoice = lockInvoice(tenant, found.get().invoiceId());
            TransactionRow stored = lockTransaction(tenant, found.get());
            if (stored.state() == ProviderTransactionStore.CREATED) {
                long now = clock.millis();
                if (expired(stored)) {
                    expire(tenant, stored, now);
                    return Outcome.error(PaymeError.CANNOT_PERFORM);
                }
                if (!invoice.status().payable() || stored.amount() != invoice.outstanding()) {
                    // the reservation kept the invoice unchanged; this would be a bug elsewhere: pay nothing
                    log.error("PayMe transaction {} no longer matches its invoice", stored.number());
                    return Outcome.error(PaymeError.CANNOT_PERFORM);
                }
                Instant at = clock.instant();
                if (!transactions.perform(tenant, stored.id(), now, at)) {
                    throw new IllegalStateException("the transaction changed under its lock");
                }
                paying.record(tenant, invoice, PaymentMethod.PAYME, stored.amount(), null, stored.id(), ACTOR, at);
                TransactionRow performed = lockTransaction(tenant, stored);
                audit(tenant, "payme.perform", invoice.id(), performed);
                return Outcome.ok(performAnswer(performed));
            }
            found = Optional.of(stored);
        }
        TransactionRow stored = found.get();
        if (stored.state() == ProviderTransactionStore.PERFORMED) {
            return Outcome.ok(performAnswer(stored));
        }
        return Outcome.error(PaymeError.CANNOT_PERFORM);
    }

    private ObjectNode performAnswer(TransactionRow row) {
        ObjectNode result = json.createObjectNode();
        result.put("transaction", Long.toString(row.number()));
        result.put("perform_time", row.performTime());
        result.put("state", row.state());
        return result;
    }

    // --- CancelTransaction ---------------------------------------------------------------------------------

    private Outcome cancel(UUID tenant, String id, int reason) {
        Optional<TransactionRow> found = transactions.find(tenant, PROVIDER, id);
        if (found.isEmpty()) {
            return Outcome.error(PaymeError.TRANSACTION_NOT_FOUND);
        }
        TransactionRow stored = found.get();
        if (stored.state() == ProviderTransactionStore.CREATED
                || stored.state() == ProviderTransactionStore.PERFORMED) {
            InvoiceRow invoice = lockInvoice(tenant, stored.invoiceId());
            stored = lockTransaction(tenant, stored);
            long now = clock.millis();
            Instant at = clock.instant();
            if (stored.state() == ProviderTransactionStore.CREATED) {
                transactions.cancel(tenant, stored.id(), ProviderTransactionStore.CREATED, reason, now, at);
                stored = lockTransaction(tenant, stored);
                audit(tenant, "payme.cancel", invoice.id(), stored);
            } else if (stored.state() == ProviderTransactionStore.PERFORMED) {
                if (!invoice.refundAllowed()) {
                    return Outcome.error(PaymeError.CANNOT_CANCEL);
                }
                var payment = payments.findByProviderTransaction(tenant, stored.id())
                        .orElseThrow(() -> new IllegalStateException("a performed transaction without its payment"));
                transactions.cancel(tenant, stored.id(), ProviderTransactionStore.PERFORMED, reason, now, at);
                paying.refund(tenant, invoice, payment, null, "PayMe CancelTransaction, reason " + reason, ACTOR, at);
                stored = lockTransaction(tenant, stored);
                audit(tenant, "payme.cancel", invoice.id(), stored);
            }
        }
        ObjectNode result = json.createObjectNode();
        result.put("transaction", Long.toString(stored.number()));
        result.put("cancel_time", stored.cancelTime());
        result.put("state", stored.state());
        return Outcome.ok(result);
    }

    // --- CheckTransaction, GetStatement --------------------------------------------------------------------

    private Outcome check(UUID tenant, String id) {
        Optional<TransactionRow> found = transactions.find(tenant, PROVIDER, id);
        if (found.isEmpty()) {
            return Outcome.error(PaymeError.TRANSACTION_NOT_FOUND);
        }
        TransactionRow row = found.get();
        recordRead(tenant, "payme.check", row.invoiceId().toString());
        ObjectNode result = json.createObjectNode();
        result.put("create_time", row.createTime());
        result.put("perform_time", row.performTime());
        result.put("cancel_time", row.cancelTime());
        result.put("transaction", Long.toString(row.number()));
        result.put("state", row.state());
        putReason(result, row);
        return Outcome.ok(result);
    }

    private Outcome statement(UUID tenant, long from, long to) {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("transactions");
        if (from > to) {
            return Outcome.ok(result);
        }
        List<TransactionRow> rows = transactions.byProviderTime(tenant, PROVIDER, from, to);
        for (TransactionRow row : rows) {
            ObjectNode item = list.addObject();
            item.put("id", row.providerTransactionId());
            item.put("time", Objects.requireNonNullElse(row.providerTime(), 0L));
            item.put("amount", row.amount());
            item.set("account", row.account() == null ? json.createObjectNode() : json.readTree(row.account()));
            item.put("create_time", row.createTime());
            item.put("perform_time", row.performTime());
            item.put("cancel_time", row.cancelTime());
            item.put("transaction", Long.toString(row.number()));
            item.put("state", row.state());
            putReason(item, row);
            item.putNull("receivers");
        }
        recordRead(tenant, "payme.statement", from + "-" + to);
        return Outcome.ok(result);
    }

    // --- ChangePassword, SetFiscalData ---------------------------------------------------------------------

    private Outcome changePassword(TenantId tenant, String password) {
        if (password.length() > 200 || password.chars().anyMatch(Character::isISOControl)) {
            return Outcome.error(PaymeError.INVALID_REQUEST, "password");
        }
        if (credentials.paymeKeyTakenElsewhere(tenant, password)) {
            return Outcome.error(PaymeError.SYSTEM_ERROR);
        }
        credentials.replacePaymeKey(tenant, password);
        audit.record(AuditEvent.of(
                tenant.value(),
                ACTOR,
                "payme.change_password",
                "organization",
                tenant.value().toString(),
                AuditOutcome.SUCCESS));
        ObjectNode result = json.createObjectNode();
        result.put("success", true);
        return Outcome.ok(result);
    }

    private Outcome fiscalData(UUID tenant, String id, String type, JsonNode fiscalData) {
        Optional<TransactionRow> found = transactions.find(tenant, PROVIDER, id);
        if (found.isEmpty()) {
            return Outcome.error(PaymeError.TRANSACTION_NOT_FOUND);
        }
        if (!type.equals("PERFORM") && !type.equals("CANCEL")) {
            return Outcome.error(PaymeError.INVALID_REQUEST, "type");
        }
        String document = fiscalData.toString();
        if (document.length() > 8192) {
            return Outcome.error(PaymeError.INVALID_REQUEST, "fiscal_data");
        }
        transactions.putDetail(tenant, found.get().id(), "fiscal_" + type.toLowerCase(java.util.Locale.ROOT), document);
        audit(tenant, "payme.fiscal_data", found.get().invoiceId(), found.get());
        ObjectNode result = json.createObjectNode();
        result.put("success", true);
        return Outcome.ok(result);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /**
     * The invoice the account names, if it can be paid: -31050 when the field is missing or names no issued
     * invoice, -31051 when it is paid, cancelled or refunded. Locked when {@code lock}.
     */
    private InvoiceRow payableInvoice(UUID tenant, String field, JsonNode account, boolean lock) {
        return payable(issuedInvoice(tenant, field, account, lock), field);
    }

    /** The issued (not DRAFT) invoice the account names, locked when {@code lock}; else -31050. */
    private InvoiceRow issuedInvoice(UUID tenant, String field, JsonNode account, boolean lock) {
        String reference = PaymeParams.accountValue(account, field);
        if (reference == null || !reference.matches("[0-9]{1,18}")) {
            throw new PaymeError(PaymeError.INVOICE_NOT_FOUND, field);
        }
        Optional<InvoiceRow> found =
                lock ? invoices.lockByReference(tenant, reference) : invoices.findByReference(tenant, reference);
        return found.filter(row -> row.status() != InvoiceStatus.DRAFT)
                .orElseThrow(() -> new PaymeError(PaymeError.INVOICE_NOT_FOUND, field));
    }

    /** The invoice if it takes payment; -31051 when it is paid, cancelled or refunded. */
    private static InvoiceRow payable(InvoiceRow invoice, String field) {
        if (!invoice.status().payable()) {
            throw new PaymeError(PaymeError.INVOICE_NOT_PAYABLE, field);
        }
        return invoice;
    }

    private InvoiceRow lockInvoice(UUID tenant, UUID invoice) {
        return invoices.lock(tenant, invoice).orElseThrow(() -> new IllegalStateException("invoice vanished"));
    }

    private TransactionRow lockTransaction(UUID tenant, TransactionRow row) {
        return transactions
                .lock(tenant, PROVIDER, row.providerTransactionId())
                .orElseThrow(() -> new IllegalStateException("transaction vanished"));
    }

    private boolean expired(TransactionRow row) {
        long time = Objects.requireNonNullElse(row.providerTime(), row.createTime());
        return clock.millis() - time > TIMEOUT_MS;
    }

    /** Cancels an expired created transaction (reason 4); its invoice is no longer reserved. */
    private void expire(UUID tenant, TransactionRow row, long now) {
        if (transactions.cancel(tenant, row.id(), ProviderTransactionStore.CREATED, 4, now, clock.instant())) {
            audit(tenant, "payme.expire", row.invoiceId(), row);
        }
    }

    private boolean sameAccount(TransactionRow stored, JsonNode account) {
        if (stored.account() == null) {
            return false;
        }
        return PaymeParams.normalized(json.readTree(stored.account())).equals(PaymeParams.normalized(account));
    }

    private static void putReason(ObjectNode node, TransactionRow row) {
        if (row.reason() == null) {
            node.putNull("reason");
        } else {
            node.put("reason", row.reason().intValue());
        }
    }

    private void audit(UUID tenant, String action, UUID invoice, TransactionRow row) {
        audit.record(AuditEvent.of(tenant, ACTOR, action, "invoice", invoice.toString(), AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "transaction", Long.toString(row.number()),
                        "state", Integer.toString(row.state()),
                        "amount", Long.toString(row.amount()))));
    }

    private void recordRead(UUID tenant, String action, String target) {
        audit.recordRead(AuditEvent.of(tenant, ACTOR, action, "invoice", target, AuditOutcome.SUCCESS));
    }
}
