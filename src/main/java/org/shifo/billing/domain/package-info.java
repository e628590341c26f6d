/** Billing's rules and values: statuses, methods, line arithmetic in tiyin, and its refusals. */
@NullMarked
package org.shifo.billing.domain;

import org.jspecify.annotations.NullMarked;
