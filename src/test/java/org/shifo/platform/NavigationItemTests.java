package org.shifo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NavigationItemTests {

    @Test
    void acceptsAnAbsolutePathAndAKey() {
        NavigationItem item = new NavigationItem("/patients", "patients.nav", 10);

        assertThat(item.roles()).isEmpty();
    }

    @Test
    void rejectsAPathOutsideTheApplication() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NavigationItem("patients", "patients.nav", 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new NavigationItem("//evil.example", "patients.nav", 10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new NavigationItem("https://evil.example", "patients.nav", 10));
    }

    @Test
    void rejectsABlankKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NavigationItem("/patients", " ", 10));
    }

    @Test
    void keepsItsOwnCopyOfTheRoles() {
        Set<String> roles = new HashSet<>(Set.of("DOCTOR"));
        NavigationItem item = new NavigationItem("/clinical", "clinical.nav", 10, roles);

        roles.add("CASHIER");

        assertThat(item.roles()).containsExactly("DOCTOR");
    }

    @Test
    void isShownToEveryoneWithoutRolesAndToHoldersOfAnyRoleOtherwise() {
        NavigationItem open = new NavigationItem("/patients", "patients.nav", 10);
        NavigationItem restricted = new NavigationItem("/billing", "billing.nav", 20, Set.of("CASHIER", "ADMIN"));

        assertThat(open.isVisibleTo(Set.of())).isTrue();
        assertThat(restricted.isVisibleTo(Set.of("ADMIN"))).isTrue();
        assertThat(restricted.isVisibleTo(Set.of("DOCTOR"))).isFalse();
        assertThat(restricted.isVisibleTo(Set.of())).isFalse();
    }

    @Test
    void isCurrentOnItsPageAndThePagesBelowIt() {
        NavigationItem patients = new NavigationItem("/patients", "patients.nav", 10);

        assertThat(patients.isCurrentFor("/patients")).isTrue();
        assertThat(patients.isCurrentFor("/patients/42")).isTrue();
        assertThat(patients.isCurrentFor("/patients-archive")).isFalse();
        assertThat(patients.isCurrentFor("/")).isFalse();
        assertThat(new NavigationItem("/", "nav.home", 0).isCurrentFor("/patients"))
                .isFalse();
    }
}
