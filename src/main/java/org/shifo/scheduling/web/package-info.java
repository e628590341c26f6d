@NullMarked
package org.shifo.scheduling.web;

import org.jspecify.annotations.NullMarked;
