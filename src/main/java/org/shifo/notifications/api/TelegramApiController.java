package org.shifo.notifications.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.notifications.telegram.BotMode;
import org.shifo.notifications.telegram.TelegramBots;
import org.shifo.notifications.telegram.TelegramLinks;
import org.shifo.notifications.telegram.TelegramRefusedException;
import org.shifo.notifications.telegram.TelegramRoles;
import org.shifo.notifications.telegram.TelegramWebhook;
import org.shifo.patients.PatientId;
import org.shifo.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Telegram bot: its settings (administrators; the token is write-only), the webhook Telegram posts updates to
 * (no staff token: the secret token header is the authentication), and a patient's links (reception).
 */
@RestController
@Tag(name = "Telegram")
class TelegramApiController {

    private final TelegramBots bots;
    private final TelegramLinks links;
    private final TelegramWebhook webhook;

    TelegramApiController(TelegramBots bots, TelegramLinks links, TelegramWebhook webhook) {
        this.bots = bots;
        this.links = links;
        this.webhook = webhook;
    }

    /** The bot to set: a new token (absent keeps the stored one) and the mode. */
    record SaveBotRequest(
            @Schema(description = "the token BotFather gave; write-only; absent keeps the stored one") @Nullable
                    String token,
            @Schema(
                            description =
                                    "WEBHOOK or POLLING; absent keeps the stored mode (first time: WEBHOOK when this"
                                            + " installation has a public address, else POLLING)")
                    @Nullable
                    String mode) {}

    /** The bot as the setup checklist shows it; never the token. */
    record BotResponse(
            boolean configured,
            @Nullable String botUsername,
            @Nullable BotMode mode,
            boolean tokenSet,
            boolean publicAddressConfigured,
            BotMode defaultMode,
            @Nullable String webhookUrl,
            boolean webhookRegistered,
            boolean pollerRunning,
            @Nullable Instant lastPollAt,
            @Nullable Instant lastUpdateAt,
            long linkedPatients,
            @Nullable String lastError) {

        static BotResponse from(TelegramBots.Status s) {
            return new BotResponse(
                    s.configured(),
                    s.botUsername(),
                    s.mode(),
                    s.tokenSet(),
                    s.publicAddressConfigured(),
                    s.defaultMode(),
                    s.webhookUrl(),
                    s.webhookRegistered(),
                    s.pollerRunning(),
                    s.lastPollAt(),
                    s.lastUpdateAt(),
                    s.linkedPatients(),
                    s.lastError());
        }
    }

    /** A one-time link for a patient, and the family members it also links. */
    record CreateLinkRequest(
            @Schema(description = "ids of family members the patient manages, linked to the same chat (at most 10)")
                    @Nullable
                    List<String> members) {}

    /** The link made: shown once (only its hash is stored). */
    record LinkResponse(
            UUID id,
            @Schema(description = "https://t.me/<bot>?start=<one-time token>") String deepLink,
            @Schema(description = "the deep link's QR code as a data: URI (PNG)") String qrCode,
            Instant expiresAt,
            String botUsername,
            List<UUID> members) {}

    /** A chat linked to the patient. */
    record LinkedChatResponse(
            UUID id,
            long chatId,
            String language,
            Instant consentAt,
            Instant linkedAt,
            @Nullable Instant unlinkedAt,
            @Nullable String unlinkReason,
            @Nullable UUID managedBy) {}

    /** The patient's links and last notifications (never their text). */
    record LinksResponse(
            @Nullable String botUsername, List<LinkedChatResponse> links, List<TelegramLinks.Message> messages) {}

    @GetMapping("/api/v1/notifications/telegram/bot")
    @PreAuthorize(TelegramRoles.BOT_SETTINGS)
    @Operation(summary = "The organization's Telegram bot and its setup checklist; never the token")
    BotResponse bot() {
        return BotResponse.from(bots.status());
    }

    @PutMapping("/api/v1/notifications/telegram/bot")
    @PreAuthorize(TelegramRoles.BOT_SETTINGS)
    @Operation(
            summary = "Set or replace the bot {token?, mode?}: the token is checked with getMe, then the webhook is"
                    + " registered (WEBHOOK) or deleted (POLLING); the token is never returned")
    BotResponse saveBot(@RequestBody SaveBotRequest request) {
        return BotResponse.from(bots.save(request.token(), request.mode()));
    }

    @PostMapping(TelegramBots.WEBHOOK_PATH)
    @Operation(
            summary = "Telegram's webhook: an Update as JSON; the X-Telegram-Bot-Api-Secret-Token header must be the"
                    + " bot's secret (401 otherwise, before the body is read); duplicates by update_id are ignored")
    ResponseEntity<?> webhook(
            @PathVariable @Parameter(description = "the organization's id") String organizationId,
            HttpServletRequest request) {
        TelegramWebhook.Outcome outcome = webhook.receive(
                organizationId, request.getHeader("X-Telegram-Bot-Api-Secret-Token"), request::getInputStream);
        return switch (outcome) {
            case PROCESSED -> ResponseEntity.ok().build();
            case UNAUTHORIZED ->
                problem(
                        HttpStatus.UNAUTHORIZED,
                        "telegram-secret",
                        "Unauthorized",
                        "The secret token header is missing or wrong.");
            case NOT_WEBHOOK ->
                problem(
                        HttpStatus.CONFLICT,
                        "telegram-not-webhook",
                        "Not a webhook bot",
                        "This organization's bot receives its updates by polling.");
            case MALFORMED ->
                problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed update", "The body is not an Update.");
        };
    }

    @PostMapping("/api/v1/patients/{patientId}/telegram-link")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    @Operation(
            summary = "A one-time Telegram link for the patient {members?}: deep link and QR code, valid 7 days,"
                    + " single use; also links the family members listed")
    ResponseEntity<LinkResponse> createLink(
            @PathVariable String patientId, @RequestBody(required = false) @Nullable CreateLinkRequest request) {
        List<String> members = request == null || request.members() == null ? List.of() : request.members();
        List<PatientId> memberIds = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            memberIds.add(new PatientId(id("members[" + i + "]", members.get(i))));
        }
        TelegramLinks.LinkCreated created = links.createLink(new PatientId(id("patientId", patientId)), memberIds);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new LinkResponse(
                        created.id(),
                        created.deepLink(),
                        created.qrCode(),
                        created.expiresAt(),
                        created.botUsername(),
                        created.members().stream().map(PatientId::value).toList()));
    }

    @GetMapping("/api/v1/patients/{patientId}/telegram-links")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    @Operation(summary = "The patient's Telegram chats (with consent dates) and last notifications (no text)")
    LinksResponse links(@PathVariable String patientId) {
        TelegramLinks.Overview overview = links.overview(new PatientId(id("patientId", patientId)));
        return new LinksResponse(
                overview.botUsername(),
                overview.links().stream()
                        .map(l -> new LinkedChatResponse(
                                l.id(),
                                l.chatId(),
                                l.language(),
                                l.consentAt(),
                                l.linkedAt(),
                                l.unlinkedAt(),
                                l.unlinkReason(),
                                l.managedBy() == null ? null : l.managedBy().value()))
                        .toList(),
                overview.messages());
    }

    @DeleteMapping("/api/v1/patients/{patientId}/telegram-links/{linkId}")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    @Operation(summary = "Unlink one of the patient's Telegram chats (reason BY_STAFF)")
    ResponseEntity<Void> unlink(@PathVariable String patientId, @PathVariable String linkId) {
        links.unlink(new PatientId(id("patientId", patientId)), id("linkId", linkId));
        return ResponseEntity.noContent().build();
    }

    private static UUID id(String field, @Nullable String value) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new TelegramRefusedException(400, field, "uuid", "must be a UUID");
        }
    }

    private static ResponseEntity<?> problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = Problems.of(status, slug, title, detail);
        return Problems.response(status, problem);
    }
}
