package org.shifo.clinical.encounters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.clinical.domain.NoteSections;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Note templates per specialty that pre-fill the empty sections of an encounter, in the patient's language.
 * The texts are message-bundle entries {@code clinical.template.<name>.<section>}, so a clinic translates or
 * changes them like any other label.
 */
@Component
public class Templates {

    /** The templates there are; dermatology first, as the clinics using Shifo asked. */
    public static final List<String> NAMES = List.of("dermatology", "general");

    private final MessageSource messages;

    Templates(MessageSource messages) {
        this.messages = messages;
    }

    public boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** The sections the template fills, by section name, in the language. */
    public Map<String, String> sections(String name, Locale language) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : NoteSections.NAMES) {
            String text = messages.getMessage("clinical.template." + name + "." + section, null, "", language);
            if (text != null && !text.isBlank()) {
                sections.put(section, text.replace("\\n", "\n"));
            }
        }
        return sections;
    }
}
