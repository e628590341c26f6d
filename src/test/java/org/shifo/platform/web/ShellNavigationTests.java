package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shifo.platform.NavigationItem;

class ShellNavigationTests {

    private final NavigationItem billing = new NavigationItem("/billing", "billing.nav", 40, Set.of("CASHIER"));
    private final NavigationItem patients = new NavigationItem("/patients", "patients.nav", 10);
    private final NavigationItem queue = new NavigationItem("/queue", "queue.nav", 30);
    private final NavigationItem lobby = new NavigationItem("/lobby", "lobby.nav", 30);

    private final ShellNavigation navigation = new ShellNavigation(List.of(billing, queue, patients, lobby));

    @Test
    void listsEntriesByOrderThenPath() {
        assertThat(navigation.visibleTo(Set.of("CASHIER"))).containsExactly(patients, lobby, queue, billing);
    }

    @Test
    void hidesEntriesForOtherRoles() {
        assertThat(navigation.visibleTo(Set.of("DOCTOR"))).containsExactly(patients, lobby, queue);
        assertThat(navigation.visibleTo(Set.of())).doesNotContain(billing);
    }

    @Test
    void isEmptyWhenNoModuleContributes() {
        assertThat(new ShellNavigation(List.of()).visibleTo(Set.of("ADMIN"))).isEmpty();
    }
}
