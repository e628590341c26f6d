/**
 * Notifications: the patients' Telegram channel (one bot per organization, chats linked by a one-time link),
 * Firebase push to registered devices, and the delivery engine that sends every notification exactly once: a row
 * created in the transaction of the event that caused it, claimed by workers on any node, rate-limited, retried
 * with back-off, dead-lettered for an administrator. Listens to events; never called directly (docs/notifications.md).
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"platform", "identity", "audit", "patients", "scheduling", "queue", "clinical", "billing"
        })
@NullMarked
package org.shifo.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
