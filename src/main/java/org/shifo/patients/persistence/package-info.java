@NullMarked
package org.shifo.patients.persistence;

import org.jspecify.annotations.NullMarked;
