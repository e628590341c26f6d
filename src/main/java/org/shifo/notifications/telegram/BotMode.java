package org.shifo.notifications.telegram;

/** How a bot receives its updates (spec 1.6): exactly one of the two at a time. */
public enum BotMode {
    /** Telegram posts every update to this installation's public webhook address. */
    WEBHOOK,
    /** One node of the cluster asks Telegram for updates with getUpdates (no public address needed). */
    POLLING
}
