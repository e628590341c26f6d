package org.shifo.terminology.persistence;

/** What an import changed: codes added, codes updated (titles, parent, leaf, reactivated), codes retired. */
public record ImportCounts(int added, int updated, int retired) {}
