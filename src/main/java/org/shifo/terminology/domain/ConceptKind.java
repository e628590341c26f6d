package org.shifo.terminology.domain;

/** Where a code sits in the classification: a chapter, a block of categories, or a category (or subcategory). */
public enum ConceptKind {
    CHAPTER,
    BLOCK,
    CATEGORY
}
