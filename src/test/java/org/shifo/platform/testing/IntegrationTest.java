package org.shifo.platform.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.notifications.testing.NotificationFakesInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test against the whole application on a real PostgreSQL. Every class annotated with it
 * shares one Spring context (one server on a random port, usable through {@code MockMvcTester} and real
 * HTTP alike) and one database, whose tables are emptied before each class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, NotificationFakesInitializer.class})
@ExtendWith(CleanDatabaseExtension.class)
@Import(TestSupportConfiguration.class)
public @interface IntegrationTest {}
