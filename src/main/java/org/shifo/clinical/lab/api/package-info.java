/** Laboratory results: the JSON API and its problem details. */
@NullMarked
package org.shifo.clinical.lab.api;

import org.jspecify.annotations.NullMarked;
