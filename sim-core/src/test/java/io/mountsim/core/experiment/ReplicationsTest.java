package io.mountsim.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicationsTest {

    @Test
    void resultsComeBackInReplicationOrderWhateverTheFinishingOrder() {
        // early replications sleep longest, so on several threads they finish last
        List<Integer> out = Replications.run(6, k -> {
            try {
                Thread.sleep(5L * (6 - k));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return k * k;
        }, 3);
        assertEquals(IntStream.range(0, 6).map(k -> k * k).boxed().toList(), out);
    }

    @Test
    void anUncheckedFailureIsRethrownUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Replications.run(4, k -> {
                    if (k == 2) {
                        throw boom;
                    }
                    return k;
                }, 2));
        assertSame(boom, thrown);
    }

    @Test
    void zeroReplicationsIsEmptyAndNegativeIsRejected() {
        assertEquals(List.of(), Replications.run(0, k -> k, 2));
        assertThrows(IllegalArgumentException.class, () -> Replications.run(-1, k -> k, 2));
    }
}
