/** Billing's tables in the {@code billing} schema, through explicit SQL; every query filters by tenant too. */
@NullMarked
package org.shifo.billing.persistence;

import org.jspecify.annotations.NullMarked;
