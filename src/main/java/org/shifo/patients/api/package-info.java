@NullMarked
package org.shifo.patients.api;

import org.jspecify.annotations.NullMarked;
