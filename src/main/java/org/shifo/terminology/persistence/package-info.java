@NullMarked
package org.shifo.terminology.persistence;

import org.jspecify.annotations.NullMarked;
