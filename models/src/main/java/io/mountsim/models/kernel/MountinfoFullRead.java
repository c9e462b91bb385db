package io.mountsim.models.kernel;

/**
 * One full read of /proc/self/mountinfo from the start, as its read() calls: the table as
 * it is when the read begins, one read() per buffer (the caller's, or the kernel's
 * seq_file buffer when that is smaller), each holding namespace_sem for read, then a
 * last read() that returns end of file. Mutable: one per read in progress.
 */
public final class MountinfoFullRead {
    private final Kernel kernel;
    private final int mounts;
    private final long lowerdirs;
    private long chunksLeft;
    private final long chunkNs;
    private boolean eofRead;

    /** Sizes the read by the table now. */
    public MountinfoFullRead(Kernel kernel, int readBufferBytes) {
        this.kernel = kernel;
        SyscallPrograms programs = kernel.programs();
        this.mounts = kernel.mounts();
        this.lowerdirs = kernel.listedLowerdirs();
        long bytes = programs.mountinfoBytes(mounts, lowerdirs);
        long perRead = Math.min(readBufferBytes, programs.seqFileBufferBytes(kernel.mostLowerdirsInALine()));
        this.chunksLeft = Math.max(1, (bytes + perRead - 1) / perRead);
        this.chunkNs = programs.mountinfoReadNs(mounts, lowerdirs) / chunksLeft;
    }

    /** The next read() call, or null once end of file was read. */
    public Op next() {
        if (chunksLeft > 0) {
            chunksLeft--;
            return kernel.programs().mountinfoRead(chunkNs);
        }
        if (!eofRead) {
            eofRead = true;
            return kernel.programs().mountinfoRead(0);
        }
        return null;
    }

    /** Lines of the table this read returns. */
    public int lines() {
        return mounts;
    }

    /** Lowerdir paths listed by the overlay lines this read returns. */
    public long lowerdirs() {
        return lowerdirs;
    }
}
