@NullMarked
package org.shifo.clinical.api;

import org.jspecify.annotations.NullMarked;
