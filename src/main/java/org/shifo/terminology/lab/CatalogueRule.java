package org.shifo.terminology.lab;

import java.util.List;

/**
 * One broken rule of the catalogue: where ({@code line 12, unit} for an import, the form field for an edit), a
 * stable code, an English message, and the values the message mentions (for its translations).
 */
public record CatalogueRule(String field, String code, String message, List<Object> arguments) {

    public CatalogueRule {
        arguments = List.copyOf(arguments);
    }

    static CatalogueRule of(String field, String code, String message, Object... arguments) {
        return new CatalogueRule(field, code, message, List.of(arguments));
    }
}
