/**
 * Click's SHOP API (Prepare and Complete, ../shared/specs/click-shop-api.md): form fields as Click sends them, the
 * MD5 signature checked with the organization's secret before anything is written, Click's error codes, and the
 * exactly-once bookkeeping of a Click payment in {@code billing.provider_transactions}.
 */
@NullMarked
package org.shifo.billing.click;

import org.jspecify.annotations.NullMarked;
