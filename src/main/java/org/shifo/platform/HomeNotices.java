package org.shifo.platform;

import java.util.List;
import java.util.Set;

/**
 * A module's source of {@link HomeNotice}s for the signed-in user, asked on every home page view (keep it cheap).
 * A source that fails is skipped: the home page still shows.
 */
@FunctionalInterface
public interface HomeNotices {

    /** The notices for a user holding {@code roles} (of the signed-in user's organization); often none. */
    List<HomeNotice> noticesFor(Set<String> roles);
}
