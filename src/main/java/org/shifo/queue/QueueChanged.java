package org.shifo.queue;

import java.util.UUID;
import org.shifo.identity.TenantId;

/**
 * A queue changed: its event {@code seq} was committed. Carries ids only; live clients re-read the state. Sent
 * to every node through PostgreSQL {@code LISTEN/NOTIFY}.
 */
public record QueueChanged(TenantId tenant, UUID branchId, UUID queueId, long seq) {}
