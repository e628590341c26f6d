@NullMarked
package org.shifo.terminology.lookup;

import org.jspecify.annotations.NullMarked;
