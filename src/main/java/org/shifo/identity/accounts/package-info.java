@NullMarked
package org.shifo.identity.accounts;

import org.jspecify.annotations.NullMarked;
