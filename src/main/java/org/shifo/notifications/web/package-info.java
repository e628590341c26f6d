/**
 * The notification module's pages: the administrators' settings, templates and delivery dashboard, the Telegram
 * bot's settings, and the patient page's section (docs/notifications.md).
 */
@NullMarked
package org.shifo.notifications.web;

import org.jspecify.annotations.NullMarked;
