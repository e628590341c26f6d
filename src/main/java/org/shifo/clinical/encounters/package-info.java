@NullMarked
package org.shifo.clinical.encounters;

import org.jspecify.annotations.NullMarked;
