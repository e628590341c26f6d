package org.shifo.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.OwnBodyLimit;
import org.shifo.platform.PlatformSettings;
import org.shifo.platform.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps JSON request bodies ({@code shifo.api.max-json-body-size}, 1 MiB by default). A declared length over the
 * cap is refused before a byte is read; a chunked body is counted as it is read and stops at the cap, so a
 * client cannot make the server buffer an unbounded document. Routes declared as {@link OwnBodyLimit} read their
 * bodies with their own cap and are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class JsonBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final ProblemWriter problems;
    private final java.util.Set<String> exempt;

    JsonBodyLimitFilter(PlatformSettings settings, ProblemWriter problems, java.util.List<OwnBodyLimit> ownLimits) {
        this.limit = settings.api().maxJsonBodySize().toBytes();
        this.problems = problems;
        this.exempt = ownLimits.stream().map(OwnBodyLimit::path).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return exempt.contains(
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "payload-too-large",
                            "Request body too large",
                            "The request body is larger than the limit of " + limit + " bytes."));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || type.getSubtype().endsWith("+json");
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable LimitedStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            LimitedStream current = stream;
            if (current == null) {
                current = new LimitedStream(super.getInputStream(), limit);
                stream = current;
            }
            return current;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int bytes) throws PayloadTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
