@NullMarked
package org.shifo.terminology.api;

import org.jspecify.annotations.NullMarked;
