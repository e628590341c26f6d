/**
 * Organizations (the tenants), their branches, staff users and roles, sign-in with two-factor authentication,
 * API tokens and browser sessions, and the tenant scope every query and transaction runs in.
 */
@ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"platform", "audit"})
@NullMarked
package org.shifo.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
