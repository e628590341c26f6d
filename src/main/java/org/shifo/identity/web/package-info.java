/** Identity's pages: sign-in with the second factor, sign-out, first-run setup, staff administration, my account. */
@NullMarked
package org.shifo.identity.web;

import org.jspecify.annotations.NullMarked;
