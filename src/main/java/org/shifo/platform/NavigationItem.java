package org.shifo.platform;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of the staff UI's module navigation, contributed by a module as a Spring bean. The page shell shows
 * the entries in {@code order} (then by path) in its menu and as cards on the home page.
 *
 * <pre>{@code
 * @Bean
 * NavigationItem patientsNavigation() {
 *     return new NavigationItem("/patients", "patients.nav", 100, Set.of("RECEPTIONIST", "DOCTOR"));
 * }
 * }</pre>
 *
 * @param path the absolute path of the module's landing page, starting with {@code /}
 * @param messageKey the message bundle key of the entry's label; an optional {@code <messageKey>.description}
 *     key gives the home page card a one-line description
 * @param order position in the menu; smaller comes first
 * @param roles the roles that see the entry (any one suffices); empty means every user. Hiding an entry is a
 *     courtesy, not a permission check: the module's own pages enforce access.
 */
public record NavigationItem(String path, String messageKey, int order, Set<String> roles) {

    public NavigationItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(messageKey, "messageKey");
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("A navigation path is absolute within the application: " + path);
        }
        if (messageKey.isBlank()) {
            throw new IllegalArgumentException("A navigation item needs a message key");
        }
        roles = Set.copyOf(roles);
    }

    /** An entry every user sees. */
    public NavigationItem(String path, String messageKey, int order) {
        this(path, messageKey, order, Set.of());
    }

    /** Whether a user holding {@code userRoles} is shown this entry. */
    public boolean isVisibleTo(Set<String> userRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(userRoles::contains);
    }

    /** Whether {@code requestPath} is this entry's page or one below it, so the menu can mark it current. */
    public boolean isCurrentFor(String requestPath) {
        if (path.equals("/")) {
            return requestPath.equals("/");
        }
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return requestPath.equals(base) || requestPath.startsWith(base + "/");
    }
}
