package org.shifo.identity.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.shifo.platform.ShellContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Moments as identity's pages show them: in the page's language and the branch's time zone, never the server's. */
@Component
class PageTimes {

    private final ObjectProvider<ShellContext> shell;

    PageTimes(ObjectProvider<ShellContext> shell) {
        this.shell = shell;
    }

    String format(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(zone())
                .format(instant);
    }

    /** The branch's time zone, in which a date typed into a form is read too. */
    ZoneId zone() {
        return shell.getIfAvailable(ShellContext::signedOut).timeZone();
    }
}
