package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The UI's message bundles: {@code messages.properties} (Uzbek, the default) and one per language. Every text the
 * staff sees lives in all of them, so a missing or empty translation fails the build here rather than showing a
 * {@code ??key??} to a receptionist.
 */
class MessageBundlesTests {

    private static final List<String> LANGUAGE_BUNDLES =
            List.of("messages_uz.properties", "messages_ru.properties", "messages_en.properties");

    private static final String DEFAULT_BUNDLE = "messages.properties";

    /** MessageFormat arguments: {0}, {1,number}, ... */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    /** An o or g followed by an apostrophe that is not U+02BB (the Uzbek Latin letters oʻ and gʻ). */
    private static final Pattern WRONG_UZBEK_APOSTROPHE = Pattern.compile("[oOgG]['`‘’ʼ]");

    private final Map<String, Map<String, String>> bundles = loadAll();

    @Test
    void everyBundleHasEveryKey() {
        Set<String> allKeys = new TreeSet<>();
        bundles.values().forEach(bundle -> allKeys.addAll(bundle.keySet()));

        List<String> missing = new ArrayList<>();
        bundles.forEach((file, bundle) -> allKeys.stream()
                .filter(key -> !bundle.containsKey(key))
                .forEach(key -> missing.add(file + " lacks " + key)));

        assertThat(missing).as("keys missing from a bundle").isEmpty();
    }

    @Test
    void noMessageIsBlank() {
        List<String> blank = new ArrayList<>();
        bundles.forEach((file, bundle) -> bundle.forEach((key, value) -> {
            if (value.isBlank()) {
                blank.add(file + ": " + key);
            }
        }));

        assertThat(blank).as("blank messages").isEmpty();
    }

    @Test
    void everyTranslationTakesTheSamePlaceholders() {
        Map<String, String> reference = bundle(DEFAULT_BUNDLE);
        List<String> differing = new ArrayList<>();
        bundles.forEach((file, bundle) -> bundle.forEach((key, value) -> {
            String defaultValue = reference.get(key);
            if (defaultValue != null && !placeholders(value).equals(placeholders(defaultValue))) {
                differing.add(file + ": " + key + " has " + placeholders(value) + ", " + DEFAULT_BUNDLE + " has "
                        + placeholders(defaultValue));
            }
        }));

        assertThat(differing).as("placeholders that differ between languages").isEmpty();
    }

    @Test
    void defaultBundleIsTheUzbekOne() {
        Map<String, String> uzbek = bundle("messages_uz.properties");

        List<String> drifted = bundle(DEFAULT_BUNDLE).entrySet().stream()
                .filter(entry ->
                        uzbek.containsKey(entry.getKey()) && !entry.getValue().equals(uzbek.get(entry.getKey())))
                .map(entry -> entry.getKey() + ": \"" + entry.getValue() + "\" in " + DEFAULT_BUNDLE + ", \""
                        + uzbek.get(entry.getKey()) + "\" in messages_uz.properties")
                .toList();

        assertThat(drifted)
                .as("Uzbek messages that differ between the default and the uz bundle")
                .isEmpty();
    }

    @Test
    void messagesWithPlaceholdersDoubleTheirApostrophes() {
        // MessageFormat treats a single ' as the start of a quoted, unformatted section.
        List<String> unsafe = new ArrayList<>();
        bundles.forEach((file, bundle) -> bundle.forEach((key, value) -> {
            if (!placeholders(value).isEmpty() && value.replace("''", "").contains("'")) {
                unsafe.add(file + ": " + key);
            }
        }));

        assertThat(unsafe)
                .as("single apostrophes in messages that MessageFormat formats")
                .isEmpty();
    }

    @Test
    void uzbekWritesOAndGWithTheTurnedComma() {
        List<String> wrong = new ArrayList<>();
        for (String file : List.of(DEFAULT_BUNDLE, "messages_uz.properties")) {
            bundle(file).forEach((key, value) -> {
                if (WRONG_UZBEK_APOSTROPHE.matcher(value).find()) {
                    wrong.add(file + ": " + key + " = " + value);
                }
            });
        }

        assertThat(wrong).as("Uzbek oʻ and gʻ must use U+02BB (ʻ)").isEmpty();
    }

    @Test
    void readsTheBundlesAsUtf8() {
        assertThat(bundle("messages_ru.properties")).containsEntry("nav.home", "Главная");
        assertThat(bundle("messages_uz.properties")).containsEntry("shell.skipToContent", "Asosiy mazmunga oʻtish");
    }

    private Map<String, String> bundle(String file) {
        return Objects.requireNonNull(bundles.get(file), file);
    }

    private static Set<String> placeholders(String message) {
        Set<String> indexes = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            indexes.add("{" + matcher.group(1) + "}");
        }
        return indexes;
    }

    private static Map<String, Map<String, String>> loadAll() {
        Map<String, Map<String, String>> bundles = new TreeMap<>();
        bundles.put(DEFAULT_BUNDLE, load(DEFAULT_BUNDLE));
        LANGUAGE_BUNDLES.forEach(file -> bundles.put(file, load(file)));
        return bundles;
    }

    private static Map<String, String> load(String file) {
        try (InputStream in = MessageBundlesTests.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as("bundle " + file + " on the classpath").isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> messages = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
