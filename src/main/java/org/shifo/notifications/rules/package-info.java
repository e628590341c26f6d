/** Refusals of the notification module's own inputs (devices, settings, templates), field by field. */
@NullMarked
package org.shifo.notifications.rules;

import org.jspecify.annotations.NullMarked;
