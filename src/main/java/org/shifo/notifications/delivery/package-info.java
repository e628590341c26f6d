/**
 * The delivery engine: notification rows created from other modules' events, workers that claim due rows on any
 * node, the {@link org.shifo.notifications.delivery.ChannelSender} of each channel, rate limits, back-off, dead
 * letters, quiet hours, templates, statistics and metrics (docs/notifications.md).
 */
@NullMarked
package org.shifo.notifications.delivery;

import org.jspecify.annotations.NullMarked;
