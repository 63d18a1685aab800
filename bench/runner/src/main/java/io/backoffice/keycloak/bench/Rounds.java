package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Interleaved rounds: in each round every variant gets its slot, in a new random order, so machine noise
 * hits all of them alike; no new round past the deadline once {@link BenchMain#MIN_ROUNDS} are done. A
 * progress line per round.
 */
final class Rounds {

    interface Slot<T> {
        /** Runs the variant's slot; answers what the round's progress line says of it. */
        String run(T variant) throws Exception;
    }

    private Rounds() {
    }

    static <T> void run(String what, int rounds, long deadline, List<T> variants, Random random, Slot<T> slot) throws Exception {
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<T> order = new ArrayList<>(variants);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  %s round %d/%d:", what, round + 1, rounds));
            for (T variant : order) {
                line.append(' ').append(slot.run(variant)).append(';');
            }
            BenchMain.log(line.toString());
        }
    }
}
