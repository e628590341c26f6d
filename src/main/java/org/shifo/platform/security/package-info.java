@NullMarked
package org.shifo.platform.security;

import org.jspecify.annotations.NullMarked;
