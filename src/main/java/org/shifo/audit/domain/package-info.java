@NullMarked
package org.shifo.audit.domain;

import org.jspecify.annotations.NullMarked;
