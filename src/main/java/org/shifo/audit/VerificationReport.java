package org.shifo.audit;

import java.time.Instant;
import java.util.List;

/** The result of verifying every tenant's chain. */
public record VerificationReport(Instant verifiedAt, List<ChainVerification> chains) {

    public VerificationReport {
        chains = List.copyOf(chains);
    }

    public boolean isIntact() {
        return chains.stream().allMatch(ChainVerification::isIntact);
    }

    public List<ChainVerification> brokenChains() {
        return chains.stream().filter(chain -> !chain.isIntact()).toList();
    }

    public long entriesChecked() {
        return chains.stream().mapToLong(ChainVerification::entriesChecked).sum();
    }
}
