package org.shifo.terminology.domain;

/** Receives the codes a reader streams out of a file, one at a time, in file order. */
@FunctionalInterface
public interface ConceptSink {

    void accept(ParsedConcept concept);
}
