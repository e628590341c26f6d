package org.shifo.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.shifo.platform.ShellContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the model attributes the layout reads: {@code shellNavigation}, {@code shellLanguages}, {@code
 * shellPath}, and {@code shellUserName} and {@code shellBranchName} when the {@link ShellContext} knows them.
 */
@ControllerAdvice
final class ShellModelAdvice {

    private final ObjectProvider<ShellContext> shellContexts;

    private final ShellNavigation navigation;

    ShellModelAdvice(ObjectProvider<ShellContext> shellContexts, ShellNavigation navigation) {
        this.shellContexts = shellContexts;
        this.navigation = navigation;
    }

    @ModelAttribute
    void addShell(Model model, HttpServletRequest request, Locale locale) {
        ShellContext shell = shellContexts.getIfAvailable(ShellContext::signedOut);
        shell.userDisplayName()
                .filter(name -> !name.isBlank())
                .ifPresent(name -> model.addAttribute("shellUserName", name));
        shell.branchName()
                .filter(name -> !name.isBlank())
                .ifPresent(name -> model.addAttribute("shellBranchName", name));
        model.addAttribute("shellNavigation", navigation.visibleTo(shell.roles()));
        model.addAttribute("shellLanguages", LanguageLink.forPage(ShellLanguage.of(locale), queryString(request)));
        model.addAttribute(
                "shellPath",
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** On a forward (an error page included) the query the browser sent, not the forward target's. */
    private static String queryString(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        if (forwarded instanceof String query) {
            return query;
        }
        String query = request.getQueryString();
        return query == null ? "" : query;
    }
}
