/**
 * The audit trail: an append-only, HMAC-chained record of who saw or changed what in each tenant, its
 * verification and its daily checkpoints.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = "platform")
@NullMarked
package org.shifo.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
