package io.mountsim.core.random;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * One named random stream, positioned at the start of one of its substreams (one per
 * replication; {@link RandomStreams#stream} picks it). The generator is xoshiro256**
 * (Blackman and Vigna, 2018; period 2^256 - 1); each substream's state is derived from
 * (master seed, stream name, substream index) through SplitMix64, so a substream is
 * reached directly, without generating its predecessors or navigating to it. It is a Commons Math {@code RandomGenerator},
 * so Commons Math distributions can draw from it.
 */
public final class RandomStream extends BitsStreamGenerator {
    private static final long serialVersionUID = 1L;

    private final long masterSeed;
    private final long nameHash;
    private final String name;
    private final int substream;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    RandomStream(long masterSeed, String name, int substream) {
        this.masterSeed = masterSeed;
        this.name = name;
        this.nameHash = fnv64(name);
        this.substream = substream;
        seedSubstream();
    }

    public String name() {
        return name;
    }

    public int substream() {
        return substream;
    }

    /** The state at the start of the substream. */
    private void seedSubstream() {
        long x = masterSeed ^ Long.rotateLeft(nameHash, 17) ^ (0x9E3779B97F4A7C15L * (substream + 1L));
        long[] state = new long[4];
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            state[i] = splitMix(x);
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            state[0] = 1; // the all-zero state is the one xoshiro cannot leave
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        clear();
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Seeding is by (master seed, name, substream); these reset to substream 0 of a new seed. */
    @Override
    public void setSeed(int seed) {
        throw new UnsupportedOperationException("streams are seeded through RandomStreams");
    }

    @Override
    public void setSeed(int[] seed) {
        throw new UnsupportedOperationException("streams are seeded through RandomStreams");
    }

    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("streams are seeded through RandomStreams");
    }

    static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
