package io.mountsim.models.lockbench;

/** Which waiter gets a released spinlock. */
public enum GrantOrder {
    /**
     * Test-and-set with trylock + PAUSE (Netflix's global-lock-bench): whichever spinner's
     * atomic reaches the line first wins, modelled as a uniformly random spinner; it first
     * has to come out of its PAUSE, which costs the expected residual PAUSE of the earliest
     * of the k spinners, pauseNs / (k + 1).
     */
    TEST_AND_SET,
    /** Ticket lock: strict arrival order; waiters poll now_serving, no PAUSE delay. */
    TICKET
}
