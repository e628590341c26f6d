/**
 * The organization's notification settings: quiet hours (branch-local), reminder offsets, and the Telegram rate
 * limits (spec 1.4); read by the delivery engine, changed by administrators on the settings page and the API.
 */
@NullMarked
package org.shifo.notifications.settings;

import org.jspecify.annotations.NullMarked;
