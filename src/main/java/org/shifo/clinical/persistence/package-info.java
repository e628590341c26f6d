@NullMarked
package org.shifo.clinical.persistence;

import org.jspecify.annotations.NullMarked;
