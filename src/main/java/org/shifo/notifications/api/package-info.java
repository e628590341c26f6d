/**
 * The notification module's JSON API: push devices, the organization's settings, the Telegram bot's settings and
 * webhook, patients' Telegram links (docs/notifications.md).
 */
@NullMarked
package org.shifo.notifications.api;

import org.jspecify.annotations.NullMarked;
