package org.shifo.queue.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The branches whose queues the signed-in staff member works with, and the one a page shows. */
@Component
class QueueBranches {

    private final StaffDirectory staff;

    QueueBranches(StaffDirectory staff) {
        this.staff = staff;
    }

    /** Every branch for an administrator; otherwise those the member holds a role in. */
    List<StaffDirectory.Branch> of(Staff member) {
        return staff.branchesOf(member);
    }

    /** The branch asked for, or the member's first; a branch they may not see is the 404 page. */
    StaffDirectory.Branch chosen(@Nullable String requested) {
        List<StaffDirectory.Branch> branches = of(CurrentUser.get());
        if (requested == null || requested.isBlank()) {
            return branches.stream().findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        Optional<UUID> id = uuid(requested);
        return branches.stream()
                .filter(b -> id.isPresent() && b.id().value().equals(id.get()))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static Optional<UUID> uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
