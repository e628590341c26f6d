@NullMarked
package org.shifo.patients.web;

import org.jspecify.annotations.NullMarked;
