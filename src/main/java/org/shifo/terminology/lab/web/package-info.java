/** The laboratory test catalogue: the administrator's page (list, edit, CSV import, starter load). */
@NullMarked
package org.shifo.terminology.lab.web;

import org.jspecify.annotations.NullMarked;
