package org.shifo.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.ShellContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every page the model attributes the layout reads: {@code shellNavigation}, {@code shellLanguages}, {@code
 * shellPath}, and {@code shellUserName} and {@code shellBranchName} when the {@link ShellContext} knows them.
 */
@ControllerAdvice
final class ShellModelAdvice {

    /** Per handler method: whether it writes its own body (see {@link #writesBody}). */
    private static final Map<Method, Boolean> WRITES_BODY = new ConcurrentHashMap<>();

    private final ObjectProvider<ShellContext> shellContexts;

    private final ShellNavigation navigation;

    ShellModelAdvice(ObjectProvider<ShellContext> shellContexts, ShellNavigation navigation) {
        this.shellContexts = shellContexts;
        this.navigation = navigation;
    }

    @ModelAttribute
    void addShell(Model model, HttpServletRequest request, Locale locale) {
        if (writesBody(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE))) {
            return; // an API answer renders no page: the shell would be work for nothing on every API call
        }
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

    /** Whether the handler answers with a body of its own ({@code @ResponseBody}, a REST controller). */
    static boolean writesBody(@Nullable Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        return WRITES_BODY.computeIfAbsent(
                method.getMethod(),
                ignored -> method.hasMethodAnnotation(ResponseBody.class)
                        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class));
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
