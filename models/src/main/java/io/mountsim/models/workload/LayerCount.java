package io.mountsim.models.workload;

/** Layers per image: a fixed number or uniformly distributed per start. */
public sealed interface LayerCount {
    record Fixed(int layers) implements LayerCount {
    }

    record Uniform(int min, int max) implements LayerCount {
    }
}
