package org.shifo.identity.web;

import java.io.Serial;
import java.io.Serializable;
import java.time.ZoneId;

/** The branch a signed-in staff member works in, looked up once at sign-in for the page shell. */
record SignedInBranch(String name, ZoneId timeZone) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
