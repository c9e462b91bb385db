package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;

/**
 * What every chart's subtitle says about where its numbers come from: the scenario, the
 * machine, and how many replications the means and intervals summarise.
 */
record ChartContext(String scenarioName, String machine, int replications, double confidence) {

    static ChartContext of(ExperimentResult r) {
        return new ChartContext(r.name(), r.run().commonMachine().orElse(null),
                r.replications(), r.confidence());
    }

    /** "r5.metal · my scenario". */
    String where() {
        return machine == null || machine.isBlank() || scenarioName.contains(machine)
                ? scenarioName
                : machine + " · " + scenarioName;
    }

    /** "r5.metal · my scenario · mean of 10 replications, band: 95% confidence interval". */
    String subtitleWithCi(String intervalShape) {
        return where() + " · mean of " + replications + " replication" + (replications == 1 ? "" : "s")
                + ", " + intervalShape + ": " + io.mountsim.reports.data.ConfidenceName.percent(confidence) + " confidence interval";
    }
}
