package org.shifo.notifications.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.notifications.testing.FakeTelegramServer.Answer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The Bot API client against the local Telegram server: the envelope, the error classes, the transport failures. */
class TelegramClientTests {

    private static final String TOKEN = "123456:client-tests-token";

    private final FakeTelegramServer telegram = FakeTelegramServer.get();
    private final TelegramClient client = new TelegramClient(
            new TelegramSettings(URI.create(telegram.url()), Duration.ofSeconds(2), Duration.ofMillis(800)),
            JsonMapper.builder().build());

    @BeforeEach
    @AfterEach
    void reset() {
        telegram.reset();
    }

    @Test
    void sendsHtmlProtectedMessagesWithButtons() {
        TelegramResult result = client.sendMessage(
                TOKEN,
                7001,
                "Salom, O&#39;Brien &lt;b&gt; &amp; co",
                List.of(List.of(
                        new TelegramClient.Button("Tasdiqlash", "appt:confirm:1"),
                        new TelegramClient.Button("Bekor qilish", "appt:cancel:1"))));

        assertThat(result.ok()).isTrue();
        assertThat(result.messageId()).isPresent();
        FakeTelegramServer.Call call = telegram.delivered(7001).getFirst();
        assertThat(call.token()).isEqualTo(TOKEN);
        assertThat(call.params().path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(call.params().path("protect_content").asBoolean()).isTrue();
        assertThat(call.callbackData()).containsExactly("appt:confirm:1", "appt:cancel:1");
        assertThat(result.result().path("text").asString()).isEqualTo("Salom, O'Brien <b> & co");
    }

    @Test
    void readsRefusalsFromTheBodyWhateverTheStatus() {
        telegram.script(
                7002, Answer.blocked(), Answer.chatNotFound(), Answer.tooManyRequests(7), Answer.serverError(502));

        TelegramResult blocked = client.sendMessage(TOKEN, 7002, "a", List.of());
        TelegramResult notFound = client.sendMessage(TOKEN, 7002, "b", List.of());
        TelegramResult flood = client.sendMessage(TOKEN, 7002, "c", List.of());
        TelegramResult broken = client.sendMessage(TOKEN, 7002, "d", List.of());

        assertThat(blocked.ok()).isFalse();
        assertThat(blocked.errorCode()).isEqualTo(403);
        assertThat(blocked.describes("blocked by the user")).isTrue();
        assertThat(notFound.errorCode()).isEqualTo(400);
        assertThat(notFound.describes("chat not found")).isTrue();
        assertThat(flood.errorCode()).isEqualTo(429);
        assertThat(flood.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(broken.errorCode()).isEqualTo(502);
        assertThat(telegram.delivered()).isEmpty();
    }

    @Test
    void refusesBrokenMarkupAsTelegramDoes() {
        TelegramResult result = client.sendMessage(TOKEN, 7003, "O'Brien <unknown> & co", List.of());

        assertThat(result.ok()).isFalse();
        assertThat(result.errorCode()).isEqualTo(400);
        assertThat(result.describes("can't parse entities")).isTrue();
    }

    @Test
    void enforcesOneMessagePerChatPerSecond() {
        telegram.limits(Duration.ofMinutes(1), 30, Duration.ofSeconds(1), Duration.ofMillis(100));

        TelegramResult first = client.sendMessage(TOKEN, 7004, "one", List.of());
        TelegramResult second = client.sendMessage(TOKEN, 7004, "two", List.of());

        assertThat(first.ok()).isTrue();
        assertThat(second.errorCode()).isEqualTo(429);
        assertThat(second.retryAfter()).isGreaterThan(Duration.ofSeconds(50));
        assertThat(telegram.limitRefusals()).isEqualTo(1);
    }

    @Test
    void enforcesAPerBotLimitInAnyWindow() {
        telegram.limits(Duration.ofSeconds(1), 30, Duration.ofMinutes(1), Duration.ofMillis(100));
        for (int chat = 0; chat < 30; chat++) {
            assertThat(client.sendMessage(TOKEN, 8000 + chat, "hello", List.of())
                            .ok())
                    .isTrue();
        }

        TelegramResult thirtyFirst = client.sendMessage(TOKEN, 8100, "hello", List.of());

        assertThat(thirtyFirst.errorCode()).isEqualTo(429);
        assertThat(thirtyFirst.describes("retry after")).isTrue();
    }

    @Test
    void reportsTimeoutsAndMalformedAnswersAsTransportFailures() {
        telegram.script(7005, Answer.hang(), Answer.malformed());

        assertThatThrownBy(() -> client.sendMessage(TOKEN, 7005, "hang", List.of()))
                .isInstanceOfSatisfying(TelegramTransportException.class, e -> assertThat(e.isTimeout())
                        .isTrue())
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> client.sendMessage(TOKEN, 7005, "malformed", List.of()))
                .isInstanceOfSatisfying(TelegramTransportException.class, e -> assertThat(e.isTimeout())
                        .isFalse())
                .hasMessageContaining("malformed");
    }

    @Test
    void reportsAnUnreachableServerAsATransportFailure() {
        TelegramClient nowhere = new TelegramClient(
                new TelegramSettings(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                JsonMapper.builder().build());

        assertThatThrownBy(() -> nowhere.getMe(TOKEN))
                .isInstanceOf(TelegramTransportException.class)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void editsAnswersCallbacksAndTellsWhoTheBotIs() {
        telegram.username(TOKEN, "clinic_bot");
        long messageId =
                client.sendMessage(TOKEN, 7006, "before", List.of()).messageId().orElseThrow();

        TelegramResult edited = client.editMessageText(TOKEN, 7006, messageId, "after", List.of());
        TelegramResult missing = client.editMessageText(TOKEN, 7006, 999_999, "after", List.of());
        TelegramResult answered = client.answerCallbackQuery(TOKEN, "cb-1", "OK");
        TelegramResult me = client.getMe(TOKEN);
        TelegramResult generic = client.call(TOKEN, "getMe", Map.of());

        assertThat(edited.ok()).isTrue();
        assertThat(missing.describes("message to edit not found")).isTrue();
        assertThat(answered.ok()).isTrue();
        assertThat(me.result().path("username").asString()).isEqualTo("clinic_bot");
        assertThat(generic.result().path("id").asLong()).isEqualTo(123456);
    }

    @Test
    void pollsUpdatesAndRefusesPollingWhileAWebhookIsSet() {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.putObject("message").put("text", "/start abc");
        long first = telegram.queueUpdate(TOKEN, update);
        telegram.queueUpdate(TOKEN, update);

        TelegramResult both = client.getUpdates(TOKEN, 0, 100, Duration.ZERO, List.of("message"));
        TelegramResult second = client.getUpdates(TOKEN, first + 1, 100, Duration.ZERO, List.of("message"));
        client.setWebhook(TOKEN, "https://clinic.example/hook", "secret_123", List.of("message"));
        TelegramResult conflict = client.getUpdates(TOKEN, 0, 100, Duration.ZERO, List.of("message"));
        client.deleteWebhook(TOKEN, false);
        TelegramResult afterDelete = client.getUpdates(TOKEN, first + 1, 100, Duration.ZERO, List.of("message"));

        assertThat(both.result()).hasSize(2);
        assertThat(second.result()).hasSize(1);
        assertThat(conflict.errorCode()).isEqualTo(409);
        assertThat(afterDelete.ok()).isTrue();
        assertThat(telegram.webhook(TOKEN)).isNull();
    }

    @Test
    void refusesRevokedTokens() {
        telegram.revoke(TOKEN);

        TelegramResult result = client.getMe(TOKEN);

        assertThat(result.ok()).isFalse();
        assertThat(result.errorCode()).isEqualTo(401);
    }
}
