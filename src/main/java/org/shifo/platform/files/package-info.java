/** The local-directory {@link org.shifo.platform.FileStore}. */
@NullMarked
package org.shifo.platform.files;

import org.jspecify.annotations.NullMarked;
