package org.shifo.platform.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Browser tests against the running application: one Playwright and one headless Chromium for the whole test JVM
 * (started on first use, closed when the JVM exits), and a fresh {@link BrowserContext} (cookies, storage) for
 * every test. Register it on an {@link IntegrationTest} class and take a {@link Page} parameter:
 *
 * <pre>{@code
 * @IntegrationTest
 * @ExtendWith(BrowserSupport.class)
 * class PatientPagesBrowserTests {
 *     @Test
 *     void findsAPatient(Page page) {
 *         page.navigate("/patients");
 *     }
 * }
 * }</pre>
 *
 * The page's base URL is the server the Spring context started ({@code local.server.port}, the value behind
 * {@code @LocalServerPort}), so tests navigate by path. Its browser asks for Uzbek ({@code uz-UZ}) like a clinic's
 * browser would; {@link BrowserLocale @BrowserLocale} on the test method or class asks for another language.
 *
 * <p>Chromium comes from {@code PLAYWRIGHT_CHROMIUM_EXECUTABLE}, else {@code /usr/bin/chromium} (Debian's package;
 * Playwright never downloads a browser here). Without it, browser tests are skipped, except under {@code CI=true},
 * where they fail.
 */
public final class BrowserSupport implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The locale of every new browser context: a browser set up for an Uzbek clinic. */
    public static final String BROWSER_LOCALE = "uz-UZ";

    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    /** Long enough for a loaded 2-core machine, short enough that a wrong selector fails in reasonable time. */
    private static final double TIMEOUT_MILLIS = 15_000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserSupport.class);

    private static final String CONTEXT_KEY = "browserContext";

    private static @Nullable Playwright playwright;

    private static @Nullable Browser browser;

    /** The Chromium binary the tests would launch, if it is installed. */
    public static Optional<Path> chromium() {
        String configured = System.getenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE");
        Path candidate = configured == null || configured.isBlank() ? DEFAULT_CHROMIUM : Path.of(configured);
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** Checked before each test, not once per class, so that each skipped test is counted and says why. */
    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.get().resetRateLimits();
        if (chromium().isEmpty()) {
            String message = "No Chromium for the browser tests at "
                    + Optional.ofNullable(System.getenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE"))
                            .orElse(DEFAULT_CHROMIUM.toString())
                    + ": install it with `apt-get install -y chromium`"
                    + " (or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        BrowserContext browserContext = context.getStore(NAMESPACE)
                .computeIfAbsent(
                        CONTEXT_KEY, key -> newContext(baseUrl(context), locale(context)), BrowserContext.class);
        if (parameter.getParameter().getType() == BrowserContext.class) {
            return browserContext;
        }
        return browserContext.pages().isEmpty()
                ? browserContext.newPage()
                : browserContext.pages().getFirst();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserContext browserContext = context.getStore(NAMESPACE).remove(CONTEXT_KEY, BrowserContext.class);
        if (browserContext != null) {
            browserContext.close();
        }
    }

    /** The root URL of the application under test, from the Spring context of the test class. */
    public static String baseUrl(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port");
        return "http://localhost:" + port;
    }

    private static String locale(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getElement(), BrowserLocale.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), BrowserLocale.class))
                .map(BrowserLocale::value)
                .orElse(BROWSER_LOCALE);
    }

    private static BrowserContext newContext(String baseUrl, String locale) {
        BrowserContext context = browser()
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL(baseUrl)
                        .setLocale(locale)
                        .setTimezoneId("Asia/Tashkent"));
        context.setDefaultTimeout(TIMEOUT_MILLIS);
        context.setDefaultNavigationTimeout(TIMEOUT_MILLIS);
        return context;
    }

    private static synchronized Browser browser() {
        Browser running = browser;
        if (running != null) {
            return running;
        }
        Path executable = chromium().orElseThrow(() -> new IllegalStateException("Chromium disappeared"));
        Playwright started = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            running = started.chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(CHROMIUM_ARGS));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        playwright = started;
        browser = running;
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserSupport::close, "playwright-close"));
        return running;
    }

    private static synchronized void close() {
        Playwright started = playwright;
        if (started != null) {
            started.close(); // closes the browser with it
            playwright = null;
            browser = null;
        }
    }
}
