/**
 * Payment providers' settings per organization (secrets encrypted, write-only) and how an incoming provider call
 * finds its organization: by the PayMe key or the Click service id, through one narrow database function.
 */
@NullMarked
package org.shifo.billing.providers;

import org.jspecify.annotations.NullMarked;
