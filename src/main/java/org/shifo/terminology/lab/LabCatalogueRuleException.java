package org.shifo.terminology.lab;

import java.util.List;

/** A catalogue import or edit that breaks rules: a 400 listing each; nothing was saved. */
public final class LabCatalogueRuleException extends RuntimeException {

    private final List<CatalogueRule> rules;

    LabCatalogueRuleException(List<CatalogueRule> rules) {
        super(
                rules.isEmpty()
                        ? "invalid"
                        : rules.getFirst().field() + " " + rules.getFirst().code());
        this.rules = List.copyOf(rules);
    }

    public List<CatalogueRule> rules() {
        return rules;
    }
}
