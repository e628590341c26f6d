/** The notification module's JSON API: push devices, the organization's settings (docs/notifications.md). */
@NullMarked
package org.shifo.notifications.api;

import org.jspecify.annotations.NullMarked;
