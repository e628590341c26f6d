@NullMarked
package org.shifo.terminology.web;

import org.jspecify.annotations.NullMarked;
