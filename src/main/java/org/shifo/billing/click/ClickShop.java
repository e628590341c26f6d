package org.shifo.billing.click;

import java.time.Instant;
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
import org.shifo.billing.persistence.ProviderTransactionStore;
import org.shifo.billing.persistence.ProviderTransactionStore.NewTransaction;
import org.shifo.billing.persistence.ProviderTransactionStore.TransactionRow;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Click's Prepare and Complete for the organization whose {@code service_id} Click sent (spec §8). Each call is
 * one database transaction in that organization's scope that begins with the signature check against its
 * decrypted secret: nothing is read from the business tables or written before it passes. The invoice row is
 * locked first, then the Click transaction row, so concurrent copies of a call take turns: the first decides, the
 * others find what it stored. The Click transaction row ({@code billing.provider_transactions}, provider CLICK,
 * unique on {@code click_trans_id}), the state change, the payment, the invoice and {@code InvoicePaid} commit
 * together or not at all (then Click gets -7).
 */
@Component
class ClickShop {

    static final String PROVIDER = ProviderCredentials.CLICK;

    private static final Logger log = LoggerFactory.getLogger(ClickShop.class);
    private static final AuditActor ACTOR = AuditActor.system("click");

    private final ProviderCredentials credentials;
    private final InvoiceStore invoices;
    private final ProviderTransactionStore transactions;
    private final InvoicePayments paying;
    private final AuditLog audit;
    private final JsonMapper json;
    private final java.time.Clock clock;
    private final TransactionTemplate transaction;

    ClickShop(
            ProviderCredentials credentials,
            InvoiceStore invoices,
            ProviderTransactionStore transactions,
            InvoicePayments paying,
            AuditLog audit,
            JsonMapper json,
            java.time.Clock clock,
            PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.invoices = invoices;
        this.transactions = transactions;
        this.paying = paying;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** What Shifo answers: the error and, when known, our id of the transaction (prepare or confirm id). */
    record Answer(ClickError error, @Nullable Long id) {

        static Answer of(ClickError error) {
            return new Answer(error, null);
        }

        static Answer of(ClickError error, TransactionRow row) {
            return new Answer(error, row.number());
        }
    }

    /**
     * Handles a well-formed request: the organization by {@code service_id} (an unknown one cannot be verified:
     * -1), then, in one transaction of that organization, the signature and the call. A failure rolls everything
     * back and answers -7.
     */
    Answer handle(ClickRequest request) {
        Optional<TenantId> tenant = credentials.clickTenant(request.serviceIdRaw());
        if (tenant.isEmpty()) {
            log.warn("Click call refused: service_id {} is no organization's", request.serviceIdRaw());
            return Answer.of(ClickError.SIGN_CHECK_FAILED);
        }
        try {
            return TenantContext.callAs(
                    tenant.get(),
                    () -> Objects.requireNonNull(transaction.execute(status -> inTransaction(tenant.get(), request))));
        } catch (RuntimeException e) {
            log.error("Click {} failed; everything was rolled back", request, e);
            return Answer.of(ClickError.FAILED_TO_UPDATE_USER);
        }
    }

    private Answer inTransaction(TenantId tenant, ClickRequest request) {
        Optional<ProviderCredentials.ClickSettings> settings = credentials.click(tenant);
        if (settings.isEmpty() || !request.signedWith(settings.get().secretKey())) {
            log.warn("Click call refused: the signature does not match ({})", request);
            return Answer.of(ClickError.SIGN_CHECK_FAILED);
        }
        if (!request.knownAction()) {
            return Answer.of(ClickError.ACTION_NOT_FOUND);
        }
        return request.isComplete() ? complete(tenant.value(), request) : prepare(tenant.value(), request);
    }

    /** Prepare (spec §8.1): checks the invoice and reserves it with a PREPARED row (state 1). */
    private Answer prepare(UUID tenant, ClickRequest request) {
        Optional<InvoiceRow> found = invoices.lockByReference(tenant, request.merchantTransId());
        if (found.isEmpty() || found.get().status() == InvoiceStatus.DRAFT) {
            return Answer.of(ClickError.USER_DOES_NOT_EXIST);
        }
        InvoiceRow invoice = found.get();
        if (invoice.status() == InvoiceStatus.PAID) {
            return Answer.of(ClickError.ALREADY_PAID);
        }
        if (!invoice.status().payable()) {
            return Answer.of(ClickError.TRANSACTION_CANCELLED);
        }
        long amount = request.amountTiyin();
        if (amount <= 0 || amount != invoice.outstanding()) {
            return Answer.of(ClickError.INCORRECT_AMOUNT);
        }
        if (request.error() < 0) {
            return Answer.of(ClickError.TRANSACTION_CANCELLED);
        }
        String clickTransId = Long.toString(request.clickTransId());
        Optional<TransactionRow> existing = transactions.find(tenant, PROVIDER, clickTransId);
        if (existing.isPresent()) {
            return repeatedPrepare(invoice, existing.get());
        }
        Instant now = clock.instant();
        ObjectNode details = json.createObjectNode();
        details.put("amount", request.amount());
        details.put("signTime", request.signTime());
        details.put("error", request.error());
        boolean inserted = transactions.insertIfAbsent(
                tenant,
                new NewTransaction(
                        UUID.randomUUID(),
                        PROVIDER,
                        clickTransId,
                        invoice.id(),
                        amount,
                        null,
                        null,
                        now.toEpochMilli(),
                        ProviderTransactionStore.CREATED,
                        request.clickPaydocIdRaw(),
                        details.toString()),
                now);
        Optional<TransactionRow> row = transactions.find(tenant, PROVIDER, clickTransId);
        if (!inserted || row.isEmpty()) {
            // the click_trans_id is another invoice's (or another organization's): nothing of ours to answer with
            return Answer.of(ClickError.ERROR_IN_REQUEST);
        }
        audit(tenant, "click.prepare", invoice, row.get());
        return Answer.of(ClickError.SUCCESS, row.get());
    }

    private static Answer repeatedPrepare(InvoiceRow invoice, TransactionRow row) {
        if (!row.invoiceId().equals(invoice.id())) {
            return Answer.of(ClickError.ERROR_IN_REQUEST);
        }
        return switch (row.state()) {
            case ProviderTransactionStore.CREATED -> Answer.of(ClickError.SUCCESS, row);
            case ProviderTransactionStore.CANCELLED -> Answer.of(ClickError.TRANSACTION_CANCELLED, row);
            default -> Answer.of(ClickError.ALREADY_PAID, row);
        };
    }

    /** Complete (spec §8.1): confirms (pays the invoice) or cancels the prepared payment. */
    private Answer complete(UUID tenant, ClickRequest request) {
        Optional<InvoiceRow> found = invoices.lockByReference(tenant, request.merchantTransId());
        if (found.isEmpty() || found.get().status() == InvoiceStatus.DRAFT) {
            return Answer.of(ClickError.USER_DOES_NOT_EXIST);
        }
        InvoiceRow invoice = found.get();
        Optional<TransactionRow> prepared = transactions.lockByNumber(tenant, PROVIDER, request.merchantPrepareId());
        if (prepared.isEmpty() || !prepared.get().invoiceId().equals(invoice.id())) {
            return Answer.of(ClickError.TRANSACTION_DOES_NOT_EXIST);
        }
        TransactionRow row = prepared.get();
        boolean pending = row.state() == ProviderTransactionStore.CREATED;
        if (!pending && row.state() != ProviderTransactionStore.CANCELLED) {
            return Answer.of(ClickError.ALREADY_PAID, row); // confirmed: a replay, or a cancellation of it
        }
        if (invoice.status() == InvoiceStatus.PAID) {
            // paid another way meanwhile; if Click debited the payer, reconciliation lists it for a refund
            if (pending && request.error() == 0) {
                noteCompletion(tenant, row, request, "paid-otherwise");
            }
            return new Answer(ClickError.ALREADY_PAID, null);
        }
        if (!pending) {
            return Answer.of(ClickError.TRANSACTION_CANCELLED, row);
        }
        long amount = request.amountTiyin();
        if (amount != row.amount()) {
            return Answer.of(ClickError.INCORRECT_AMOUNT, row);
        }
        Instant now = clock.instant();
        if (request.error() < 0) {
            noteCompletion(tenant, row, request, null);
            transactions.cancel(
                    tenant,
                    row.id(),
                    ProviderTransactionStore.CREATED,
                    (int) Math.max(Integer.MIN_VALUE, request.error()),
                    now.toEpochMilli(),
                    now);
            audit(tenant, "click.cancel", invoice, row);
            return Answer.of(ClickError.TRANSACTION_CANCELLED, row);
        }
        if (!invoice.status().payable() || amount > invoice.total() - invoice.paid()) {
            // voided or partly paid at the desk since the Prepare: Click debited, we cannot credit; listed in
            // reconciliation for a refund
            noteCompletion(tenant, row, request, "not-creditable");
            return invoice.status().payable()
                    ? Answer.of(ClickError.ALREADY_PAID, row)
                    : Answer.of(ClickError.TRANSACTION_CANCELLED, row);
        }
        if (!transactions.perform(tenant, row.id(), now.toEpochMilli(), now)) {
            throw new IllegalStateException("a locked prepared Click transaction did not move to confirmed");
        }
        noteCompletion(tenant, row, request, null);
        paying.record(tenant, invoice, PaymentMethod.CLICK, amount, null, row.id(), ACTOR, now);
        return Answer.of(ClickError.SUCCESS, row);
    }

    /** Keeps what Click said in its Complete: its click_trans_id, amount, sign_time and error. */
    private void noteCompletion(UUID tenant, TransactionRow row, ClickRequest request, @Nullable String problem) {
        ObjectNode details = json.createObjectNode();
        details.put("completeAmount", request.amount());
        details.put("completeSignTime", request.signTime());
        details.put("completeError", request.error());
        if (problem != null) {
            details.put("problem", problem);
        }
        transactions.noteCompletion(
                tenant, row.id(), Long.toString(request.clickTransId()), details.toString(), clock.instant());
    }

    private void audit(UUID tenant, String action, InvoiceRow invoice, TransactionRow row) {
        audit.record(
                AuditEvent.of(tenant, ACTOR, action, "invoice", invoice.id().toString(), AuditOutcome.SUCCESS)
                        .withDetails(Map.of(
                                "transaction", row.id().toString(),
                                "amount", Long.toString(row.amount()),
                                "patient", invoice.patientId().toString())));
    }
}
