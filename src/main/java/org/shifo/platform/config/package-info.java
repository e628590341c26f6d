@NullMarked
package org.shifo.platform.config;

import org.jspecify.annotations.NullMarked;
