@NullMarked
package org.shifo.identity.domain;

import org.jspecify.annotations.NullMarked;
