package org.shifo.platform.observability;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Strips from every Sentry event what could carry patient data before it leaves the server: request bodies,
 * query strings (search terms are names and phone numbers), cookies, headers other than a few technical ones,
 * the user, and values quoted in database errors ("Key (phone)=(+998...)"). What remains is the path, the
 * method, the exception types and the stack, which is what a developer needs.
 */
@Component
final class SentryScrubber implements SentryOptions.BeforeSendCallback, SentryOptions.BeforeBreadcrumbCallback {

    private static final List<String> KEPT_HEADERS = List.of("User-Agent", "Content-Type", "Accept", "X-Request-Id");
    private static final Pattern QUOTED_VALUES =
            Pattern.compile("(\\)=\\()[^)]*(\\))|(Detail: ).*|(value ')[^']*(')", Pattern.DOTALL);

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        Request request = event.getRequest();
        if (request != null) {
            request.setData(null);
            request.setQueryString(null);
            request.setCookies(null);
            request.setEnvs(null);
            request.setOthers(null);
            if (request.getUrl() != null) {
                request.setUrl(withoutQuery(request.getUrl()));
            }
            if (request.getHeaders() != null) {
                request.getHeaders().keySet().removeIf(name -> KEPT_HEADERS.stream()
                        .noneMatch(name::equalsIgnoreCase));
            }
        }
        event.setUser(null);
        event.setExtras(null);
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(scrub(message.getFormatted()));
            message.setParams(null);
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null) {
            exceptions.forEach(exception -> exception.setValue(scrub(exception.getValue())));
        }
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs != null) {
            breadcrumbs.forEach(this::clean);
        }
        return event;
    }

    @Override
    public Breadcrumb execute(Breadcrumb breadcrumb, Hint hint) {
        clean(breadcrumb);
        return breadcrumb;
    }

    private void clean(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(scrub(breadcrumb.getMessage()));
        breadcrumb.getData().keySet().removeIf(key -> !key.equals("method") && !key.equals("status_code"));
    }

    static @Nullable String scrub(@Nullable String text) {
        if (text == null) {
            return null;
        }
        return QUOTED_VALUES.matcher(text).replaceAll(match -> {
            if (match.group(1) != null) {
                return ")=(…)";
            }
            if (match.group(3) != null) {
                return "Detail: …";
            }
            return "value '…'";
        });
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
