/**
 * PayMe's Merchant API (JSON-RPC 2.0 over HTTP, Basic auth with the cashbox key) at {@code POST
 * /api/v1/payments/payme}, as ../shared/specs/payme-merchant-api.md lays it down: HTTP 200 always, the key
 * checked before anything else, every method, the states and the 12-hour timeout, exactly once per PayMe id.
 */
@NullMarked
package org.shifo.billing.payme;

import org.jspecify.annotations.NullMarked;
