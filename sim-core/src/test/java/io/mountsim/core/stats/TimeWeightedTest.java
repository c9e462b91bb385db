package io.mountsim.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeWeightedTest {

    /**
     * The step function 2 on [10, 20), 5 on [20, 25), 0 on [25, 40), 1 on [40, 50]:
     * area 20 + 25 + 0 + 10 = 55 over 40 ns, average 1.375.
     */
    @Test
    void averageOfAHandCheckedStepFunction() {
        TimeWeighted tw = new TimeWeighted(10, 2);
        tw.update(20, 5);
        tw.add(25, -5);
        tw.update(40, 1);
        assertEquals(55, tw.area(50), 1e-12);
        assertEquals(1.375, tw.average(50), 1e-12);
        assertEquals(5, tw.max());
        assertEquals(1, tw.current());
        // the area keeps growing with the current value between updates
        assertEquals(45, tw.area(40), 1e-12);
        assertEquals(65, tw.area(60), 1e-12);
    }

    @Test
    void sameInstantUpdatesAddNoArea() {
        TimeWeighted tw = new TimeWeighted(0, 0);
        tw.update(5, 3);
        tw.update(5, 100); // a transient at one instant has zero weight
        tw.update(5, 1);
        assertEquals(5, tw.area(10), 1e-12);
        assertEquals(100, tw.max(), "the maximum still sees it");
    }

    @Test
    void noElapsedTimeGivesTheCurrentValue() {
        TimeWeighted tw = new TimeWeighted(7, 3);
        assertEquals(3, tw.average(7));
    }

    @Test
    void restartForgetsThePast() {
        TimeWeighted tw = new TimeWeighted(0, 4);
        tw.update(10, 1);
        tw.restart(20);
        tw.update(30, 3);
        // 1 on [20, 30), 3 on [30, 40]
        assertEquals(2, tw.average(40), 1e-12);
        assertEquals(3, tw.max());
    }

    @Test
    void timeGoingBackwardsIsRejected() {
        TimeWeighted tw = new TimeWeighted(0, 0);
        tw.update(10, 1);
        assertThrows(IllegalArgumentException.class, () -> tw.update(9, 2));
        assertThrows(IllegalArgumentException.class, () -> tw.restart(9));
    }
}
