@NullMarked
package org.shifo.platform.observability;

import org.jspecify.annotations.NullMarked;
