@NullMarked
package org.shifo.clinical.web;

import org.jspecify.annotations.NullMarked;
