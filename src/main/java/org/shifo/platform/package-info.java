/**
 * Technical foundations shared by every module: settings, database bootstrap, request ids, error
 * handling, secret-key derivation and the page shell.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package org.shifo.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
