package org.shifo.queue.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.queue.live.LiveAccess;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The lobby board {@code /queue/board?display=<token>}: a public page for a TV, opened by a display token
 * alone. It renders only the branch's name; ticket numbers and rooms arrive over the live connection, which
 * carries no names. An unknown or revoked token is the 404 page.
 */
@Controller
class QueueBoardController {

    private final LiveAccess access;
    private final StaffDirectory staff;

    QueueBoardController(LiveAccess access, StaffDirectory staff) {
        this.access = access;
        this.staff = staff;
    }

    @GetMapping("/queue/board")
    String board(@RequestParam(required = false) @Nullable String display, Model model, Locale locale) {
        LiveAccess.DisplayBoard board = (display == null
                        ? java.util.Optional.<LiveAccess.DisplayBoard>empty()
                        : access.board(display))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String branchName = TenantContext.callAs(board.tenant(), () -> staff.branch(board.tenant(), board.branch())
                .map(StaffDirectory.Branch::name)
                .orElse(""));
        model.addAttribute("branchName", branchName);
        model.addAttribute("branchId", board.branch().value().toString());
        model.addAttribute("display", display);
        // speech synthesis speaks the board's language: Uzbek or Russian in a clinic, English for visitors
        model.addAttribute(
                "voice",
                switch (locale.getLanguage()) {
                    case "ru" -> "ru-RU";
                    case "en" -> "en-US";
                    default -> "uz-UZ";
                });
        return "queue/board";
    }
}
