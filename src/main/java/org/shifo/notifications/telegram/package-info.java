/**
 * Telegram: the Bot API client over plain HTTP, the Telegram channel sender, the bots' settings, webhook and long
 * polling, patient linking and the buttons under reminders (docs/notifications.md).
 */
@NullMarked
package org.shifo.notifications.telegram;

import org.jspecify.annotations.NullMarked;
