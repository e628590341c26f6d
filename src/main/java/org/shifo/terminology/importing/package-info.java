@NullMarked
package org.shifo.terminology.importing;

import org.jspecify.annotations.NullMarked;
