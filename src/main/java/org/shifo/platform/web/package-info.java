@NullMarked
package org.shifo.platform.web;

import org.jspecify.annotations.NullMarked;
