@NullMarked
package org.shifo.audit.jobs;

import org.jspecify.annotations.NullMarked;
