/** Laboratory results: checked against the clinic's catalogue, flagged, stored, listed as trends. */
@NullMarked
package org.shifo.clinical.lab;

import org.jspecify.annotations.NullMarked;
