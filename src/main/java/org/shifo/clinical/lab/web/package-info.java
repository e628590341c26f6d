/** Laboratory results: the entry page, the patient's results with trends. */
@NullMarked
package org.shifo.clinical.lab.web;

import org.jspecify.annotations.NullMarked;
