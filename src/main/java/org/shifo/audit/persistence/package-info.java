@NullMarked
package org.shifo.audit.persistence;

import org.jspecify.annotations.NullMarked;
