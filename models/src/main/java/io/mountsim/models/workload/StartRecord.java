package io.mountsim.models.workload;

/**
 * One container start: when it arrived, when it got a slot under the concurrency cap,
 * and when its root filesystem was ready (-1 while running).
 */
record StartRecord(long arrivalNs, long slotNs, long doneNs) {
    double latencyMs() {
        return (doneNs - slotNs) / 1e6;
    }

    double queueWaitMs() {
        return (slotNs - arrivalNs) / 1e6;
    }
}
