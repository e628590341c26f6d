@NullMarked
package org.shifo.identity.security;

import org.jspecify.annotations.NullMarked;
