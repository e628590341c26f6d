package org.shifo.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.stereotype.Component;

/** The navigation entries the installed modules contribute, in menu order. */
@Component
final class ShellNavigation {

    private static final Comparator<NavigationItem> MENU_ORDER =
            Comparator.comparingInt(NavigationItem::order).thenComparing(NavigationItem::path);

    private final List<NavigationItem> items;

    /** Spring passes every {@link NavigationItem} bean, or an empty list when no module contributes one. */
    ShellNavigation(List<NavigationItem> items) {
        this.items = items.stream().sorted(MENU_ORDER).toList();
    }

    /** The entries a user holding {@code roles} is shown, in menu order. */
    List<NavigationItem> visibleTo(Set<String> roles) {
        return items.stream().filter(item -> item.isVisibleTo(roles)).toList();
    }
}
