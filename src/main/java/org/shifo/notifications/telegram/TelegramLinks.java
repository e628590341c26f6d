package org.shifo.notifications.telegram;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotStore.BotRow;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.platform.QrCodes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient's Telegram links as reception handles them: a one-time link ({@code https://t.me/<bot>?start=<token>},
 * 32 random bytes in base64url, spec 1.5) that also links the family members the patient manages when chosen, the
 * chats linked with their consent dates, unlinking, and the patient's last notifications (template, channel, status
 * and time, never the text). Every call is audited: the link made, the links read, the unlink.
 */
@Service
public class TelegramLinks {

    /** The most family members one link may carry. */
    public static final int MAX_MEMBERS = 10;

    private static final int QR_SIZE = 240;
    private static final int HISTORY = 20;

    private final LinkStore links;
    private final BotStore bots;
    private final PatientDirectory patients;
    private final TelegramBotSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    TelegramLinks(
            LinkStore links,
            BotStore bots,
            PatientDirectory patients,
            TelegramBotSettings settings,
            AuditLog audit,
            Clock clock,
            TransactionTemplate transactions) {
        this.links = links;
        this.bots = bots;
        this.patients = patients;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** A new one-time link: shown once (only its hash is stored). */
    public record LinkCreated(
            UUID id, String deepLink, String qrCode, Instant expiresAt, String botUsername, List<PatientId> members) {}

    /** A chat linked to the patient (active while {@code unlinkedAt} is null). */
    public record Link(
            UUID id,
            long chatId,
            String language,
            Instant consentAt,
            Instant linkedAt,
            @Nullable Instant unlinkedAt,
            @Nullable String unlinkReason,
            @Nullable PatientId managedBy) {}

    /** One of the patient's notifications: what was sent, how, and where it stands; never its text. */
    public record Message(
            String template, String channel, String status, Instant createdAt, @Nullable Instant sentAt) {}

    /** The patient's Telegram section. */
    public record Overview(PatientId patient, @Nullable String botUsername, List<Link> links, List<Message> messages) {}

    /**
     * Makes a one-time link for the patient (valid {@code shifo.notifications.telegram.bot.link-validity}, 7 days by
     * default), also for {@code members}: family members the patient manages, whose messages then go to the same
     * chat. Refused without a bot, for an unknown or merged patient or member.
     */
    public LinkCreated createLink(PatientId patient, List<PatientId> members) {
        Staff staff = CurrentUser.get();
        TenantId tenant = staff.tenantId();
        List<PatientId> chosen = new ArrayList<>(new LinkedHashSet<>(members));
        if (chosen.size() > MAX_MEMBERS) {
            throw TelegramRefusedException.invalid(
                    "members", "too-many-members", "at most " + MAX_MEMBERS + " family members per link");
        }
        if (chosen.contains(patient)) {
            throw TelegramRefusedException.invalid(
                    "members", "member-is-patient", "the patient is linked anyway; list only family members");
        }
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(tx -> {
                    requirePatient(tenant, patient);
                    Map<PatientId, PatientDirectory.Entry> found = patients.findAll(tenant, chosen);
                    for (int i = 0; i < chosen.size(); i++) {
                        PatientDirectory.Entry entry = found.get(chosen.get(i));
                        if (entry == null || entry.merged()) {
                            throw TelegramRefusedException.refused(
                                    "members[" + i + "]", "unknown-member", "is not an active patient of this clinic");
                        }
                    }
                    BotRow bot = bots.find(tenant.value())
                            .filter(BotRow::enabled)
                            .orElseThrow(() -> TelegramRefusedException.refused(
                                    "patientId", "no-bot", "the organization has no Telegram bot yet"));
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    Instant now = clock.instant();
                    Instant expires = now.plus(settings.linkValidity());
                    UUID id = UUID.randomUUID();
                    links.insertToken(
                            tenant.value(),
                            id,
                            patient.value(),
                            BotUpdates.hash(token),
                            now,
                            expires,
                            staff.userId().value(),
                            chosen.stream().map(PatientId::value).toList());
                    AuditEvent event = AuditEvent.of(
                                    tenant.value(),
                                    staff.auditActor(),
                                    "notifications.telegram_link_created",
                                    "patient",
                                    patient.value().toString(),
                                    AuditOutcome.SUCCESS)
                            .withDetail("linkToken", id.toString())
                            .withDetail("members", Integer.toString(chosen.size()));
                    for (int i = 0; i < chosen.size(); i++) {
                        event = event.withDetail(
                                "member" + (i + 1), chosen.get(i).value().toString());
                    }
                    audit.record(event);
                    String deepLink = "https://t.me/" + bot.username() + "?start=" + token;
                    return new LinkCreated(
                            id, deepLink, QrCodes.dataUri(deepLink, QR_SIZE), expires, bot.username(), chosen);
                })));
    }

    /** The patient's links and last notifications; the read is audited. */
    public Overview overview(PatientId patient) {
        Staff staff = CurrentUser.get();
        TenantId tenant = staff.tenantId();
        Overview overview = TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(tx -> {
                    requirePatient(tenant, patient);
                    List<Link> found = links.linksOfPatient(tenant.value(), patient.value(), HISTORY).stream()
                            .map(l -> new Link(
                                    l.id(),
                                    l.chatId(),
                                    l.language(),
                                    l.consentAt(),
                                    l.linkedAt(),
                                    l.unlinkedAt(),
                                    l.unlinkReason(),
                                    l.managedBy() == null ? null : new PatientId(l.managedBy())))
                            .toList();
                    List<Message> messages = links.recentMessages(tenant.value(), patient.value(), HISTORY).stream()
                            .map(m -> new Message(m.template(), m.channel(), m.status(), m.createdAt(), m.sentAt()))
                            .toList();
                    Optional<BotRow> bot = bots.find(tenant.value()).filter(BotRow::enabled);
                    return new Overview(patient, bot.map(BotRow::username).orElse(null), found, messages);
                })));
        audit.recordRead(AuditEvent.of(
                tenant.value(),
                staff.auditActor(),
                "notifications.telegram_links_read",
                "patient",
                patient.value().toString(),
                AuditOutcome.SUCCESS));
        return overview;
    }

    /** Unlinks one of the patient's chats (reason BY_STAFF); a link that is not active is a 404. */
    public void unlink(PatientId patient, UUID link) {
        Staff staff = CurrentUser.get();
        TenantId tenant = staff.tenantId();
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(tx -> {
                    requirePatient(tenant, patient);
                    if (!links.unlink(tenant.value(), patient.value(), link, "BY_STAFF", clock.instant())) {
                        throw TelegramRefusedException.notFound("linkId", "active Telegram link of this patient");
                    }
                    audit.record(AuditEvent.of(
                                    tenant.value(),
                                    staff.auditActor(),
                                    "notifications.telegram_unlink",
                                    "patient",
                                    patient.value().toString(),
                                    AuditOutcome.SUCCESS)
                            .withDetail("link", link.toString())
                            .withDetail("reason", "BY_STAFF"));
                }));
    }

    private void requirePatient(TenantId tenant, PatientId patient) {
        if (patients.find(tenant, patient).filter(p -> !p.merged()).isEmpty()) {
            throw TelegramRefusedException.notFound("patientId", "patient");
        }
    }
}
