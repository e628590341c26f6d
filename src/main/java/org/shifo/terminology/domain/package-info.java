@NullMarked
package org.shifo.terminology.domain;

import org.jspecify.annotations.NullMarked;
