@NullMarked
package org.shifo.patients.registry;

import org.jspecify.annotations.NullMarked;
