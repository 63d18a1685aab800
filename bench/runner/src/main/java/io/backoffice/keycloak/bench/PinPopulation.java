package io.backoffice.keycloak.bench;

import java.util.List;
import java.util.Random;

/**
 * The PIN holders one measurement draws from: one organization's, or those of many organizations (a
 * draw is then a holder taken uniformly from all of them, logged in through their own organization's
 * shared account).
 */
record PinPopulation(String key, String label, List<PinOrganization> organizations, long holders) {

    record Draw(PinOrganization organization, PinOrganization.Holder holder) {
    }

    static PinPopulation of(PinOrganization organization) {
        return new PinPopulation(String.valueOf(organization.holders), String.format("%,d", organization.holders),
                List.of(organization), organization.holders);
    }

    static PinPopulation spread(List<PinOrganization> organizations) {
        long holders = organizations.stream().mapToLong(o -> o.holders).sum();
        return new PinPopulation("spread", String.format("%,d in %d orgs", holders, organizations.size()), organizations, holders);
    }

    boolean single() {
        return organizations.size() == 1;
    }

    Draw draw(Random random) {
        long at;
        synchronized (random) {
            at = (long) (random.nextDouble() * holders);
        }
        for (PinOrganization organization : organizations) {
            if (at < organization.holders) {
                return new Draw(organization, organization.holder((int) at));
            }
            at -= organization.holders;
        }
        throw new IllegalStateException("no holder at " + at);
    }
}
