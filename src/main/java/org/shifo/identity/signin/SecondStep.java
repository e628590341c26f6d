package org.shifo.identity.signin;

import java.time.Instant;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/**
 * One second sign-in step in progress: whose it is, the id and expiry of what carries it (the API's MFA token, the
 * page's pending sign-in), and the client's address. Wrong codes are counted per step, per account and per address.
 */
public record SecondStep(UserId userId, TenantId tenantId, String stepId, Instant expiresAt, String clientAddress) {}
