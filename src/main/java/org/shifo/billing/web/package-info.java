/** The billing pages: the cash desk, receipts, the daily cash report, the price list and the providers' settings. */
@NullMarked
package org.shifo.billing.web;

import org.jspecify.annotations.NullMarked;
