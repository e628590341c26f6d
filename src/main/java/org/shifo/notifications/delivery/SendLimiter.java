package org.shifo.notifications.delivery;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * This node's Telegram rate limits (spec 1.4), as reservations of send times. Each bot has a grid of slots {@code
 * 1 s / perBot} apart and a slot holds one message, so no window of one second ever holds more than {@code perBot}
 * messages; each chat is free again {@code 1 s / perChat} after its last slot. A 429 pauses the chat and the bot
 * until its {@code retry_after} has passed. Times are {@link System#nanoTime()} values: the limits are about real
 * seconds whatever the application's clock says.
 *
 * <p>The limits hold per node. Several nodes share an organization's bot only through the database's claims, so
 * with N nodes sending for the same organization at full speed each should be given 1/N of the rate
 * (docs/notifications.md); Telegram answers an excess with 429, which every node honours.
 */
final class SendLimiter {

    /** A reserved slot: send at {@code atNanos}. */
    record Reservation(String bot, String chat, long slot, long atNanos, long previousChatFree) {}

    private static final class Bot {
        final TreeSet<Long> taken = new TreeSet<>();
        final ArrayDeque<Long> actual = new ArrayDeque<>();
        long pausedUntil;
    }

    /** Added to a chat's gap between actual sends: a request's arrival jitters against its departure. */
    private static final long MARGIN = 50_000_000L;

    private final Map<String, Bot> bots = new HashMap<>();
    private final Map<String, Long> chatFree = new HashMap<>();
    private final Map<String, Long> chatLastActual = new HashMap<>();

    /**
     * Reserves the earliest slot at or after {@code nowNanos} allowed by both limits.
     *
     * @param perBot messages per second for the bot
     * @param perChat messages per second for one chat
     */
    synchronized Reservation reserve(String bot, String chat, double perBot, double perChat, long nowNanos) {
        Bot state = bots.computeIfAbsent(bot, b -> new Bot());
        long spacing = (long) Math.ceil(1e9 / perBot);
        long chatKeyFree = chatFree.getOrDefault(chatKey(bot, chat), Long.MIN_VALUE);
        long earliest = Math.max(nowNanos, Math.max(chatKeyFree, state.pausedUntil));
        long slot = Math.floorDiv(earliest, spacing) + (Math.floorMod(earliest, spacing) == 0 ? 0 : 1);
        while (state.taken.contains(slot)) {
            slot++;
        }
        state.taken.add(slot);
        long at = slot * spacing;
        chatFree.put(chatKey(bot, chat), at + (long) Math.ceil(1e9 / perChat));
        cleanUp(state, nowNanos, spacing);
        return new Reservation(bot, chat, slot, at, chatKeyFree);
    }

    /**
     * The last check before the request leaves, on the moments requests really leave: a late virtual thread must not
     * bunch with the next slot's. Waits until fewer than {@code perBot} sends left in the last second and the chat's
     * last send is {@code 1 / perChat} seconds ago, then records this send and answers true; answers false without
     * recording when that would take longer than {@code maxWaitNanos}.
     */
    boolean awaitDeparture(String bot, String chat, double perBot, double perChat, long maxWaitNanos) {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (true) {
            long now = System.nanoTime();
            long wait = departure(bot, chat, perBot, perChat, now);
            if (wait <= 0) {
                return true;
            }
            if (now + wait > deadline) {
                return false;
            }
            try {
                Thread.sleep(java.time.Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** How long to wait before departing now; 0 records the departure. */
    synchronized long departure(String bot, String chat, double perBot, double perChat, long nowNanos) {
        Bot state = bots.computeIfAbsent(bot, b -> new Bot());
        long window = 1_000_000_000L;
        while (!state.actual.isEmpty() && nowNanos - state.actual.peekFirst() >= window) {
            state.actual.pollFirst();
        }
        long wait = 0;
        if (state.actual.size() >= Math.max(1, (int) Math.floor(perBot))) {
            wait = state.actual.peekFirst() + window - nowNanos;
        }
        Long last = chatLastActual.get(chatKey(bot, chat));
        if (last != null) {
            wait = Math.max(wait, last + (long) Math.ceil(1e9 / perChat) + MARGIN - nowNanos);
        }
        wait = Math.max(wait, state.pausedUntil - nowNanos);
        if (wait > 0) {
            return wait;
        }
        state.actual.addLast(nowNanos);
        chatLastActual.put(chatKey(bot, chat), nowNanos);
        if (chatLastActual.size() > 100_000) {
            chatLastActual.values().removeIf(at -> nowNanos - at > 60_000_000_000L);
        }
        return 0;
    }

    /** Gives a reservation back (its row was released instead of sent). */
    synchronized void cancel(Reservation reservation, double perChat) {
        Bot state = bots.get(reservation.bot());
        if (state != null) {
            state.taken.remove(reservation.slot());
        }
        String key = chatKey(reservation.bot(), reservation.chat());
        Long free = chatFree.get(key);
        if (free != null && free == reservation.atNanos() + (long) Math.ceil(1e9 / perChat)) {
            if (reservation.previousChatFree() == Long.MIN_VALUE) {
                chatFree.remove(key);
            } else {
                chatFree.put(key, reservation.previousChatFree());
            }
        }
    }

    /** Honours a 429: neither the chat nor the bot sends before {@code untilNanos}. */
    synchronized void pause(String bot, String chat, long untilNanos) {
        Bot state = bots.computeIfAbsent(bot, b -> new Bot());
        state.pausedUntil = Math.max(state.pausedUntil, untilNanos);
        chatFree.merge(chatKey(bot, chat), untilNanos, Math::max);
    }

    /** When the bot may send again after a 429, {@code 0} when it is not paused. */
    synchronized long pausedUntil(String bot) {
        Bot state = bots.get(bot);
        return state == null ? 0 : state.pausedUntil;
    }

    /** The bot's first free slot at or after {@code nowNanos}, ignoring chats. */
    synchronized long nextFree(String bot, double perBot, long nowNanos) {
        Bot state = bots.get(bot);
        if (state == null) {
            return nowNanos;
        }
        long spacing = (long) Math.ceil(1e9 / perBot);
        long earliest = Math.max(nowNanos, state.pausedUntil);
        long slot = Math.floorDiv(earliest, spacing) + (Math.floorMod(earliest, spacing) == 0 ? 0 : 1);
        while (state.taken.contains(slot)) {
            slot++;
        }
        return slot * spacing;
    }

    private void cleanUp(Bot state, long nowNanos, long spacing) {
        long old = Math.floorDiv(nowNanos, spacing) - 64;
        while (!state.taken.isEmpty() && state.taken.first() < old) {
            state.taken.pollFirst();
        }
        if (chatFree.size() > 100_000) {
            chatFree.values().removeIf(free -> free < nowNanos);
        }
    }

    private static String chatKey(String bot, String chat) {
        return bot + '/' + chat;
    }
}
