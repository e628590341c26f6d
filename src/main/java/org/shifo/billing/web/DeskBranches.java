package org.shifo.billing.web;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.StaffDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The branches the signed-in member works in, and the one a billing page shows (a branch not theirs: 404). */
@Component
class DeskBranches {

    private final StaffDirectory staff;

    DeskBranches(StaffDirectory staff) {
        this.staff = staff;
    }

    List<StaffDirectory.Branch> mine() {
        return staff.branchesOf(CurrentUser.get());
    }

    StaffDirectory.Branch chosen(@Nullable String requested) {
        List<StaffDirectory.Branch> branches = mine();
        if (requested == null || requested.isBlank()) {
            return branches.stream().findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        UUID id = PageIds.uuid(requested);
        return branches.stream()
                .filter(b -> b.id().value().equals(id))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    StaffDirectory.Branch of(UUID branch) {
        return chosen(branch.toString());
    }
}
