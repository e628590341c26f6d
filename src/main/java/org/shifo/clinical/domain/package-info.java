@NullMarked
package org.shifo.clinical.domain;

import org.jspecify.annotations.NullMarked;
