package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kubelet- and containerd-like watchers read the table at their own pace, and only then. */
class TableWatcherTest {
    private static final long S = 1_000_000_000L;

    private static double reads(TableWatcherConfig config, boolean tableChanges) {
        NodeRig rig = new NodeRig(4);
        if (tableChanges) {
            rig.mountEvery(1_000_000, 99);
        }
        NodeRuntime node = NodeRuntime.start(rig.kernel, NodeSpec.idle(), Optional.empty(), List.of(config), 4096,
                rig.streams.stream("nodeLoad", 0));
        rig.sim.scheduleAt(10 * S, rig.sim::stop);
        rig.sim.run();
        return node.metrics().get(NodeRuntime.TABLE_WATCHER_READS);
    }

    @Test
    void anIntervalWatcherReadsOncePerIntervalWhetherOrNotTheTableChanged() {
        TableWatcherConfig kubelet = new TableWatcherConfig("kubelet", TableWatcherConfig.Trigger.INTERVAL, 1, 800);
        // sleep 1 s, read (well under a millisecond here), sleep 1 s, ...: 9 whole cycles before 10 s
        assertEquals(9, reads(kubelet, false));
        assertEquals(9, reads(kubelet, true));
    }

    @Test
    void aChangeWatcherReadsOnlyAfterChangesAndAtMostOncePerInterval() {
        TableWatcherConfig containerd = new TableWatcherConfig("containerd", TableWatcherConfig.Trigger.CHANGE, 0.5, 800);
        assertEquals(0, reads(containerd, false));
        double busy = reads(containerd, true);
        assertTrue(busy >= 18 && busy <= 20, "reads in 10 s at most every 0.5 s: " + busy);
    }
}
