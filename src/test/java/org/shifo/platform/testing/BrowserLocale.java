package org.shifo.platform.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The locale of the browser a {@link BrowserSupport} test gets (its {@code Accept-Language} and {@code
 * navigator.language}), instead of {@value BrowserSupport#BROWSER_LOCALE}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BrowserLocale {

    /** A BCP 47 tag, such as {@code ru-RU}. */
    String value();
}
