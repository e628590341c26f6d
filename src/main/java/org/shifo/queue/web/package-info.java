/** The queue's pages: reception, the practitioner's desk, the lobby board and display tokens. */
@NullMarked
package org.shifo.queue.web;

import org.jspecify.annotations.NullMarked;
