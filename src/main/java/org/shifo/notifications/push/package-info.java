/**
 * Push: device registration of staff members (FCM registration tokens), the Firebase Cloud Messaging HTTP v1
 * client with service-account OAuth2 tokens, the push {@code ChannelSender}, and the listeners that give staff
 * members a push for queue calls of their queue and critical laboratory values (docs/notifications.md, "Push").
 */
@NullMarked
package org.shifo.notifications.push;

import org.jspecify.annotations.NullMarked;
