/** The laboratory test catalogue: its store, the starter catalogue, the CSV import and the lookups. */
@NullMarked
package org.shifo.terminology.lab;

import org.jspecify.annotations.NullMarked;
