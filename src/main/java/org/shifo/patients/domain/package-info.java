@NullMarked
package org.shifo.patients.domain;

import org.jspecify.annotations.NullMarked;
