package io.mountsim.models.kernel;

import io.mountsim.models.sched.CpuLayout;
import io.mountsim.models.topology.MemoryHierarchy;

/**
 * NUMA placement of the layer store's child mounts, and what it costs a walker on another
 * node: the lines of has_locked_children()'s walk that a CPU of another NUMA node wrote
 * since the walker's node last read them.
 *
 * <h2>Where the lines live (kernel sources)</h2>
 * <ul>
 * <li>{@code struct mount}: alloc_vfsmnt() (fs/namespace.c) takes it from
 *     {@code kmem_cache_zalloc(mnt_cache, GFP_KERNEL)}; without a node argument SLUB's
 *     slab_alloc_node() serves it from the allocating CPU's per-CPU slab, which is filled
 *     from that CPU's node (mm/slub.c). So a child's home is the node of the CPU that
 *     ran its open_tree(OPEN_TREE_CLONE) (clone_mnt() -> alloc_vfsmnt()); its mountpoint
 *     dentry (d_alloc(), the start's mkdir) is likewise on the start's node.</li>
 * <li>The list the walk follows: attach (commit_tree() / __attach_mnt():
 *     {@code list_add_tail(&mnt->mnt_child, &parent->mnt_mounts)}) writes the new child,
 *     its predecessor's mnt_child and the parent's list head; detach (umount_tree():
 *     {@code list_del_init(&p->mnt_child)}) writes the predecessor's and successor's
 *     mnt_child. These writes happen on the CPU of the start that attaches or unmounts.</li>
 * <li>The mount hash (mnt_init(): {@code alloc_large_system_hash("Mount-cache", ...,
 *     HASH_ZERO, ...)}, no HASH_EARLY, so with {@code hashdist} on, the default on NUMA
 *     kernels, vmalloc'ed during boot under the interleave policy: spread over all
 *     nodes). Path walks' __lookup_mnt() reads its buckets; they are read-mostly.</li>
 * </ul>
 *
 * <h2>What a remote home costs, and what it does not</h2>
 * The walk's lines are read far more often than written (one walk per open_tree, a few
 * line writes per attach or detach), so after its first walk each node holds them clean
 * in its own L3, whatever their home node: a load that hits the local L3 does not go to
 * the home (Intel's directory and AMD's probe filter are consulted on a miss only). What
 * a walker on node {@code w} must fetch from the other socket is exactly the lines another
 * node wrote since {@code w} last read them: the attached children and the rewritten list
 * neighbours. Each costs the cross-socket line transfer instead of an L3 hit
 * ({@link MemoryHierarchy#remoteLineExtraNs(double)}). Lines written by another core of
 * the same node (an on-socket snoop) and across CCDs of one socket are not modelled here.
 * The running containers' mounts (under /run, no children of the layer store) and the
 * mount table that mountinfo readers and runc's copy traverse change only by the storm's
 * own attaches and detaches; their per-line cost is byte escaping and copying (us per
 * line), against which a remote line (about 0.1 us) is not modelled.
 */
final class CrossNodeLines {
    /** Lines an attach writes: the new child's ({@link MemoryHierarchy#LINES_PER_CHILD}), its predecessor's mnt_child, the list head. */
    static final double LINES_PER_ATTACH = MemoryHierarchy.LINES_PER_CHILD + 2;
    /** Lines a detach writes: the predecessor's and successor's mnt_child (list_del_init()). */
    static final double LINES_PER_DETACH = 2;

    private final CpuLayout layout;
    private final int nodes;
    /** One CPU per node, to price a line transfer between nodes. */
    private final int[] cpuOfNode;
    /** stale[w][n]: lines node n wrote that node w's caches do not hold. */
    private final double[][] stale;
    /** extraNs[w][n]: what one such line costs a walker on w beyond an L3 hit. */
    private final double[][] extraNs;
    /** homed[n]: children of the layer store whose struct mount node n's slab holds (alloc_vfsmnt() on a CPU of n). */
    private final double[] homed;
    private double remoteLinesRead;

    CrossNodeLines(CpuLayout layout) {
        this.layout = layout;
        int n = 0;
        for (int c = 0; c < layout.cpus(); c++) {
            n = Math.max(n, layout.nodeOf(c) + 1);
        }
        this.nodes = n;
        this.cpuOfNode = new int[n];
        java.util.Arrays.fill(cpuOfNode, -1);
        for (int c = 0; c < layout.cpus(); c++) {
            if (cpuOfNode[layout.nodeOf(c)] < 0) {
                cpuOfNode[layout.nodeOf(c)] = c;
            }
        }
        this.stale = new double[n][n];
        this.extraNs = new double[n][n];
        this.homed = new double[n];
        MemoryHierarchy memory = layout.memory();
        for (int w = 0; w < n; w++) {
            for (int o = 0; o < n; o++) {
                extraNs[w][o] = w == o || cpuOfNode[w] < 0 || cpuOfNode[o] < 0 ? 0
                        : memory.remoteLineExtraNs(layout.transferNs(cpuOfNode[o], cpuOfNode[w]));
            }
        }
    }

    /** Whether the machine has more than one node (otherwise nothing here costs anything). */
    boolean multiNode() {
        return nodes > 1;
    }

    /** A CPU attached ({@code delta} > 0) or detached children of the layer store. */
    void written(int cpu, int delta) {
        if (nodes < 2 || delta == 0) {
            return;
        }
        int writer = nodeOf(cpu);
        home(writer, delta);
        double lines = delta > 0 ? delta * LINES_PER_ATTACH : -delta * LINES_PER_DETACH;
        for (int w = 0; w < nodes; w++) {
            if (w != writer) {
                stale[w][writer] += lines;
            }
        }
    }

    /**
     * A walk of {@code children} children by {@code cpu}: the extra ns of the lines other
     * nodes wrote since this node last walked (at most the walk's own lines); afterwards
     * this node holds them all.
     */
    long walkExtraNs(int cpu, int children) {
        if (nodes < 2) {
            return 0;
        }
        int w = nodeOf(cpu);
        double cap = children * MemoryHierarchy.LINES_PER_CHILD + 1;
        double ns = 0;
        for (int o = 0; o < nodes; o++) {
            double lines = Math.min(stale[w][o], cap);
            remoteLinesRead += lines;
            ns += lines * extraNs[w][o];
            stale[w][o] = 0;
        }
        return Math.round(ns);
    }

    /**
     * Attached children are homed on the attaching CPU's node; a detach removes the
     * detaching CPU's node's first (a start unmounts what it mounted, on its own node unless
     * it migrated), then the others' in node order.
     */
    private void home(int writer, int delta) {
        if (delta > 0) {
            homed[writer] += delta;
            return;
        }
        double left = -delta;
        for (int k = 0; k < nodes && left > 0; k++) {
            int n = (writer + k) % nodes;
            double taken = Math.min(homed[n], left);
            homed[n] -= taken;
            left -= taken;
        }
    }

    /**
     * Share of the layer store's children homed on other nodes than {@code cpu}'s: what an
     * evicted walk fetches from remote DRAM (0 on one node).
     */
    double remoteShare(int cpu) {
        if (nodes < 2) {
            return 0;
        }
        double all = 0;
        for (double h : homed) {
            all += h;
        }
        return all > 0 ? 1 - homed[nodeOf(cpu)] / all : 0;
    }

    /** Lines walkers fetched from another node so far. */
    double remoteLinesRead() {
        return remoteLinesRead;
    }

    private int nodeOf(int cpu) {
        return cpu < 0 ? 0 : layout.nodeOf(cpu);
    }
}
