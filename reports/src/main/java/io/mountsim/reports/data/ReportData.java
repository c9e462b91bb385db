package io.mountsim.reports.data;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;

import java.util.Comparator;
import java.util.List;

/**
 * The reduced form of a result every report file is drawn from: points in index order,
 * latencies cut to a {@link LatencySample}, timelines to a {@link TimelineWindow}. Writing
 * a result and writing the result merged back from its shards' files therefore produce
 * the same bytes (charts aside, which need not be pixel-identical).
 */
public final class ReportData {

    private ReportData() {
    }

    public static ExperimentResult reduce(ExperimentResult r) {
        List<PointResult> points = r.points().stream()
                .sorted(Comparator.comparingInt(PointResult::index))
                .map(ReportData::reduce)
                .toList();
        return r.withPoints(points);
    }

    private static PointResult reduce(PointResult p) {
        return new PointResult(p.index(), p.parameters(), p.metrics(), LatencySample.of(p.startLatenciesMs()),
                p.cpu(), TimelineWindow.limit(p.timeline()), p.measured(), p.replicationValues());
    }
}
