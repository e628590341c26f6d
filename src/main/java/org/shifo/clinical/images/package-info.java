/**
 * Dermatology images of encounters: upload checks (type from the bytes, size, pixel count), re-encoding without
 * metadata, thumbnails, storage through the platform's file store, and audited reads.
 */
@NullMarked
package org.shifo.clinical.images;

import org.jspecify.annotations.NullMarked;
