/** The laboratory test catalogue: its JSON API (list, CSV import, starter load). */
@NullMarked
package org.shifo.terminology.lab.api;

import org.jspecify.annotations.NullMarked;
