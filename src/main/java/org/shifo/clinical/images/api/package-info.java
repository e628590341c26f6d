/** The JSON API of dermatology images: upload, the stored bytes, and the lists of an encounter and a patient. */
@NullMarked
package org.shifo.clinical.images.api;

import org.jspecify.annotations.NullMarked;
