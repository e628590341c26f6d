@NullMarked
package org.shifo.identity.api;

import org.jspecify.annotations.NullMarked;
