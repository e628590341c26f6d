package org.shifo.notifications.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotAction.AnswerCallback;
import org.shifo.notifications.telegram.BotAction.Edit;
import org.shifo.notifications.telegram.BotAction.Send;
import org.shifo.notifications.telegram.LinkStore.LinkRow;
import org.shifo.notifications.telegram.LinkStore.TokenRow;
import org.shifo.notifications.telegram.TelegramClient.Button;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.platform.RateLimits;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentLookup;
import org.shifo.scheduling.AppointmentReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Handles one Telegram update for an organization's bot, whether it came by webhook or by polling: /start with a
 * one-time token links the chat, /stop unlinks it, the reminders' Confirm and Cancel buttons change the appointment
 * through scheduling; other text gets a short help; everything else (edited messages, stickers, photos, group
 * chats, unknown kinds) is ignored. One transaction per update, which also records its {@code update_id}, so a
 * redelivered update changes nothing twice. Returns what to say; the caller sends it after the commit.
 */
@Component
class BotUpdates {

    /** The rate-limit category of /start per chat (flood protection). */
    static final String START_LIMIT = "telegram-start";

    static final String ACTOR = "telegram-bot";

    private static final Logger log = LoggerFactory.getLogger(BotUpdates.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern START = Pattern.compile("/start(?:@[A-Za-z0-9_]+)?(?:\\s+(\\S*))?\\s*");
    private static final Pattern STOP = Pattern.compile("/stop(?:@[A-Za-z0-9_]+)?\\s*");
    private static final Pattern CALLBACK =
            Pattern.compile("appt:(confirm|cancel|cancel-yes|cancel-no):([0-9a-fA-F-]{36})");

    private final BotStore bots;
    private final LinkStore links;
    private final PatientDirectory patients;
    private final AppointmentLookup appointments;
    private final AppointmentReplies replies;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final RateLimits rateLimits;
    private final BotTexts texts;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BotUpdates(
            BotStore bots,
            LinkStore links,
            PatientDirectory patients,
            AppointmentLookup appointments,
            AppointmentReplies replies,
            StaffDirectory staff,
            AuditLog audit,
            RateLimits rateLimits,
            BotTexts texts,
            Clock clock,
            TransactionTemplate transactions) {
        this.bots = bots;
        this.links = links;
        this.patients = patients;
        this.appointments = appointments;
        this.replies = replies;
        this.staff = staff;
        this.audit = audit;
        this.rateLimits = rateLimits;
        this.texts = texts;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The SHA-256 of a link token, in hex: what is stored instead of the token. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Handles the update; an update without a numeric {@code update_id} is ignored. */
    List<BotAction> handle(TenantId tenant, JsonNode update) {
        JsonNode id = update.path("update_id");
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            return List.of();
        }
        long updateId = id.asLong();
        boolean limited = startLimited(tenant, update);
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(status -> {
                    if (!bots.markProcessed(tenant.value(), updateId, clock.instant())) {
                        return List.<BotAction>of();
                    }
                    return dispatch(tenant, update, limited);
                })));
    }

    /** Marks an update processed without acting on it (one that failed again and again while polling). */
    void skip(TenantId tenant, long updateId) {
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    bots.markProcessed(tenant.value(), updateId, clock.instant());
                }));
    }

    /** Whether this is a /start over the chat's limit (checked before the transaction: buckets have their own). */
    private boolean startLimited(TenantId tenant, JsonNode update) {
        JsonNode message = update.path("message");
        String text = message.path("text").isString() ? message.path("text").asString() : "";
        if (!text.startsWith("/start") || !message.path("chat").path("id").canConvertToLong()) {
            return false;
        }
        long chat = message.path("chat").path("id").asLong();
        return rateLimits.tryConsume(START_LIMIT, tenant.value() + ":" + chat).isPresent();
    }

    private List<BotAction> dispatch(TenantId tenant, JsonNode update, boolean limited) {
        if (update.path("callback_query").isObject()) {
            return callback(tenant, update.path("callback_query"));
        }
        JsonNode message = update.path("message");
        if (!message.isObject()
                || !"private".equals(message.path("chat").path("type").asString(""))
                || !message.path("chat").path("id").canConvertToLong()) {
            // edited messages, channel posts, group chats, member updates, unknown kinds: nothing to do
            return List.of();
        }
        long chat = message.path("chat").path("id").asLong();
        JsonNode from = message.path("from");
        if (!message.path("text").isString()) {
            return List.of(); // stickers, photos, voice, contacts ...
        }
        String text = message.path("text").asString().strip();
        Matcher start = START.matcher(text);
        if (start.matches()) {
            if (limited) {
                log.info("Telegram /start over the limit in a chat of organization {}", tenant.value());
                return List.of();
            }
            return start(tenant, chat, from, start.group(1));
        }
        if (STOP.matcher(text).matches()) {
            return stop(tenant, chat, from);
        }
        return List.of(new Send(chat, texts.html(chatLanguage(tenant, chat, from), "help"), List.of()));
    }

    // --- linking

    private List<BotAction> start(TenantId tenant, long chat, JsonNode from, @Nullable String payload) {
        String fallback = BotTexts.language(from.path("language_code").asString(null));
        if (payload == null || payload.isEmpty()) {
            return List.of(new Send(chat, texts.html(chatLanguage(tenant, chat, from), "help"), List.of()));
        }
        if (!TOKEN.matcher(payload).matches()) {
            return List.of(new Send(chat, texts.html(fallback, "start.invalid"), List.of()));
        }
        Instant now = clock.instant();
        Optional<TokenRow> found = links.findTokenForUpdate(tenant.value(), hash(payload));
        if (found.isEmpty()) {
            return List.of(new Send(chat, texts.html(fallback, "start.invalid"), List.of()));
        }
        TokenRow token = found.get();
        if (token.usedAt() != null) {
            return List.of(new Send(chat, texts.html(fallback, "start.used"), List.of()));
        }
        if (!now.isBefore(token.expiresAt())) {
            return List.of(new Send(chat, texts.html(fallback, "start.expired"), List.of()));
        }
        Optional<PatientDirectory.Entry> patient =
                patients.find(tenant, new PatientId(token.patient())).filter(p -> !p.merged());
        if (patient.isEmpty()) {
            return List.of(new Send(chat, texts.html(fallback, "start.invalid"), List.of()));
        }
        links.markUsed(tenant.value(), token.id(), now, chat);
        String language = patient.get().language();
        @Nullable
        Long user = from.path("id").canConvertToLong() ? from.path("id").asLong() : null;
        List<String> names = new ArrayList<>();
        names.add(patient.get().displayName());
        linkOne(tenant, token.patient(), chat, user, language, now, null);
        Map<PatientId, PatientDirectory.Entry> members = patients.findAll(
                tenant, token.members().stream().map(PatientId::new).toList());
        for (UUID member : token.members()) {
            PatientDirectory.Entry entry = members.get(new PatientId(member));
            if (entry == null || entry.merged()) {
                continue;
            }
            linkOne(tenant, member, chat, user, language, now, token.patient());
            names.add(entry.displayName());
        }
        return List.of(new Send(chat, texts.html(language, "start.linked", String.join(", ", names)), List.of()));
    }

    private void linkOne(
            TenantId tenant,
            UUID patient,
            long chat,
            @Nullable Long user,
            String language,
            Instant now,
            @Nullable UUID managedBy) {
        Optional<UUID> link = links.link(tenant.value(), patient, chat, user, language, now, managedBy);
        AuditEvent event = AuditEvent.of(
                        tenant.value(),
                        AuditActor.system(ACTOR),
                        "notifications.telegram_link",
                        "patient",
                        patient.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("link", link.map(UUID::toString).orElse("already-linked"));
        audit.record(managedBy == null ? event : event.withDetail("managedBy", managedBy.toString()));
    }

    private List<BotAction> stop(TenantId tenant, long chat, JsonNode from) {
        String language = chatLanguage(tenant, chat, from);
        List<LinkRow> unlinked = links.unlinkChat(tenant.value(), chat, "STOPPED", clock.instant());
        for (LinkRow link : unlinked) {
            audit.record(AuditEvent.of(
                            tenant.value(),
                            AuditActor.system(ACTOR),
                            "notifications.telegram_unlink",
                            "patient",
                            link.patient().toString(),
                            AuditOutcome.SUCCESS)
                    .withDetail("link", link.id().toString())
                    .withDetail("reason", "STOPPED"));
        }
        return List.of(new Send(chat, texts.html(language, unlinked.isEmpty() ? "stop.none" : "stop.done"), List.of()));
    }

    /** The language of the chat's links, else the Telegram user's, else Uzbek. */
    private String chatLanguage(TenantId tenant, long chat, JsonNode from) {
        return links.activeLinksOfChat(tenant.value(), chat).stream()
                .map(LinkRow::language)
                .findFirst()
                .orElseGet(() -> BotTexts.language(from.path("language_code").asString(null)));
    }

    // --- the reminder's buttons

    private List<BotAction> callback(TenantId tenant, JsonNode query) {
        String queryId = query.path("id").asString("");
        if (queryId.isEmpty()) {
            return List.of();
        }
        JsonNode message = query.path("message");
        String fallback =
                BotTexts.language(query.path("from").path("language_code").asString(null));
        Matcher data = CALLBACK.matcher(query.path("data").asString(""));
        if (!data.matches() || !message.path("chat").path("id").canConvertToLong()) {
            return List.of(new AnswerCallback(queryId, texts.plain(fallback, "button.unknown")));
        }
        long chat = message.path("chat").path("id").asLong();
        long messageId = message.path("message_id").asLong(0);
        AppointmentId appointment;
        try {
            appointment = new AppointmentId(UUID.fromString(data.group(2)));
        } catch (IllegalArgumentException e) {
            return List.of(new AnswerCallback(queryId, texts.plain(fallback, "button.unknown")));
        }
        List<LinkRow> chatLinks = links.activeLinksOfChat(tenant.value(), chat);
        Optional<AppointmentLookup.Summary> summary = appointments.find(tenant, appointment);
        Optional<LinkRow> link = summary.flatMap(s -> chatLinks.stream()
                .filter(l -> l.patient().equals(s.patient().value()))
                .findFirst());
        if (summary.isEmpty() || link.isEmpty()) {
            log.warn(
                    "Telegram button refused: appointment {} is not a patient linked to the chat (organization {})",
                    appointment,
                    tenant.value());
            String language =
                    chatLinks.isEmpty() ? fallback : chatLinks.getFirst().language();
            return List.of(new AnswerCallback(queryId, texts.plain(language, "button.refused")));
        }
        String language = link.get().language();
        PatientId patient = summary.get().patient();
        String when = BotTexts.when(summary.get().start(), zone(tenant, summary.get()));
        boolean changeable = "BOOKED".equals(summary.get().status())
                && clock.instant().isBefore(summary.get().start());
        return switch (data.group(1)) {
            case "confirm" -> {
                AppointmentReplies.Outcome outcome =
                        replies.confirm(tenant, appointment, patient, AppointmentReplies.Channel.TELEGRAM);
                yield switch (outcome) {
                    case DONE, ALREADY ->
                        answerAndEdit(
                                queryId, chat, messageId, language, "appt.confirmedShort", "appt.confirmed", when);
                    case NOT_CHANGEABLE, NOT_FOUND -> stale(queryId, chat, messageId, language);
                };
            }
            case "cancel" -> {
                if (!changeable) {
                    yield stale(queryId, chat, messageId, language);
                }
                yield List.of(
                        new AnswerCallback(queryId, null),
                        new Edit(
                                chat,
                                messageId,
                                texts.html(language, "appt.cancelAsk", when),
                                List.of(List.of(
                                        new Button(
                                                texts.plain(language, "appt.cancelYes"),
                                                "appt:cancel-yes:" + appointment),
                                        new Button(
                                                texts.plain(language, "appt.cancelNo"),
                                                "appt:cancel-no:" + appointment)))));
            }
            case "cancel-yes" -> {
                AppointmentReplies.Outcome outcome =
                        replies.cancel(tenant, appointment, patient, AppointmentReplies.Channel.TELEGRAM);
                yield switch (outcome) {
                    case DONE, ALREADY ->
                        answerAndEdit(
                                queryId, chat, messageId, language, "appt.cancelledShort", "appt.cancelled", when);
                    case NOT_CHANGEABLE, NOT_FOUND -> stale(queryId, chat, messageId, language);
                };
            }
            default -> {
                if (!changeable) {
                    yield stale(queryId, chat, messageId, language);
                }
                yield List.of(
                        new AnswerCallback(queryId, null),
                        new Edit(
                                chat,
                                messageId,
                                texts.html(language, "appt.kept", when),
                                buttons(language, appointment)));
            }
        };
    }

    /** The reminder's own buttons (as the engine sends them: docs/notifications.md). */
    List<List<Button>> buttons(String language, AppointmentId appointment) {
        return List.of(List.of(
                new Button(texts.bundle(language, "notifications.action.confirm"), "appt:confirm:" + appointment),
                new Button(texts.bundle(language, "notifications.action.cancel"), "appt:cancel:" + appointment)));
    }

    private List<BotAction> answerAndEdit(
            String queryId, long chat, long messageId, String language, String shortKey, String key, String when) {
        return List.of(
                new AnswerCallback(queryId, texts.plain(language, shortKey)),
                new Edit(chat, messageId, texts.html(language, key, when), List.of()));
    }

    private List<BotAction> stale(String queryId, long chat, long messageId, String language) {
        return List.of(
                new AnswerCallback(queryId, texts.plain(language, "appt.staleShort")),
                new Edit(chat, messageId, texts.html(language, "appt.stale"), List.of()));
    }

    private ZoneId zone(TenantId tenant, AppointmentLookup.Summary summary) {
        return staff.branch(tenant, summary.branch())
                .map(StaffDirectory.Branch::timeZone)
                .orElse(BranchTimeZones.DEFAULT);
    }
}
