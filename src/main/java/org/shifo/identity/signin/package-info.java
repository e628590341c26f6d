@NullMarked
package org.shifo.identity.signin;

import org.jspecify.annotations.NullMarked;
