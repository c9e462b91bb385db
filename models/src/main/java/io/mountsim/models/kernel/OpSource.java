package io.mountsim.models.kernel;

/** Where a kernel thread gets its next operation; null when it is done. */
@FunctionalInterface
public interface OpSource {
    Op next(KThread thread);

    /** The operations of a fixed list, in order. */
    static OpSource of(java.util.List<? extends Op> ops) {
        java.util.Iterator<? extends Op> it = ops.iterator();
        return t -> it.hasNext() ? it.next() : null;
    }
}
