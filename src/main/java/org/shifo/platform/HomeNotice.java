package org.shifo.platform;

import java.util.Objects;

/**
 * A notice the home page shows above the module cards, such as "no ICD-10 code set is imported", with a link to
 * where it is fixed. Modules contribute notices through a {@link HomeNotices} bean, so the platform depends on no
 * module.
 *
 * @param messageKey the message bundle key of the notice's text
 * @param linkPath the absolute path of the page that deals with it, starting with {@code /}
 * @param linkMessageKey the message bundle key of the link's text
 */
public record HomeNotice(String messageKey, String linkPath, String linkMessageKey) {

    public HomeNotice {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(linkPath, "linkPath");
        Objects.requireNonNull(linkMessageKey, "linkMessageKey");
        if (!linkPath.startsWith("/") || linkPath.startsWith("//")) {
            throw new IllegalArgumentException("A notice links within the application: " + linkPath);
        }
    }
}
