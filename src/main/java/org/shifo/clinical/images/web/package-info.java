/** The image pages: an encounter's gallery with the upload form and body map, and the lesion comparison. */
@NullMarked
package org.shifo.clinical.images.web;

import org.jspecify.annotations.NullMarked;
