@NullMarked
package org.shifo.platform.database;

import org.jspecify.annotations.NullMarked;
