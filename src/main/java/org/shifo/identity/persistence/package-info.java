@NullMarked
package org.shifo.identity.persistence;

import org.jspecify.annotations.NullMarked;
