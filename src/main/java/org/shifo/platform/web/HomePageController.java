package org.shifo.platform.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shifo.platform.HomeNotice;
import org.shifo.platform.HomeNotices;
import org.shifo.platform.ShellContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: a greeting, today's date in the branch's time zone, the modules' notices for the user, and the
 * modules as cards.
 */
@Controller
final class HomePageController {

    private static final Logger log = LoggerFactory.getLogger(HomePageController.class);

    private final ObjectProvider<ShellContext> shellContexts;

    private final ShellNavigation navigation;

    private final Clock clock;

    private final ObjectProvider<HomeNotices> notices;

    HomePageController(
            ObjectProvider<ShellContext> shellContexts,
            ShellNavigation navigation,
            ObjectProvider<Clock> clocks,
            ObjectProvider<HomeNotices> notices) {
        this.shellContexts = shellContexts;
        this.navigation = navigation;
        this.clock = clocks.getIfAvailable(Clock::systemUTC);
        this.notices = notices;
    }

    @GetMapping("/")
    String home(Model model, Locale locale) {
        ShellContext shell = shellContexts.getIfAvailable(ShellContext::signedOut);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(shell.timeZone()));
        boolean named = shell.userDisplayName().filter(name -> !name.isBlank()).isPresent();
        model.addAttribute("greetingKey", DayPart.at(now.toLocalTime()).greetingKey(named));
        model.addAttribute("today", now.toLocalDate());
        model.addAttribute("todayText", longDate(now.toLocalDate(), locale));
        model.addAttribute("modules", navigation.visibleTo(shell.roles()));
        model.addAttribute("notices", noticesFor(shell.roles()));
        return "home";
    }

    /** Every module's notices for the user; a module whose notices fail is left out, not the page. */
    private List<HomeNotice> noticesFor(Set<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return notices.orderedStream()
                .flatMap(source -> {
                    try {
                        return source.noticesFor(roles).stream();
                    } catch (RuntimeException e) {
                        log.warn(
                                "A home page notice source failed: {}",
                                source.getClass().getName(),
                                e);
                        return java.util.stream.Stream.empty();
                    }
                })
                .toList();
    }

    /** The full date as the locale writes it, capitalised because it stands alone as a line. */
    static String longDate(LocalDate date, Locale locale) {
        String text = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(locale)
                .format(date);
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
    }
}
