package io.mountsim.reports.charts;

/**
 * One chart written as {@code charts/<baseName>.png} and {@code charts/<baseName>.svg}, or,
 * when drawing it would show nothing (every value zero), the sentence that says so instead.
 *
 * @param baseName file name without extension, e.g. {@code contention-startLatencyMsP95}
 * @param title    what the chart shows, for the page heading
 * @param caption  how to read it, one or two sentences for people; for a chart not drawn, why
 * @param drawn    false when no file was written and the caption stands in for the chart
 */
public record ChartFile(String baseName, String title, String caption, boolean drawn) {

    public ChartFile(String baseName, String title, String caption) {
        this(baseName, title, caption, true);
    }

    /** A chart left out: the sentence the report prints in its place. */
    public static ChartFile notDrawn(String baseName, String title, String sentence) {
        return new ChartFile(baseName, title, sentence, false);
    }

    public static final String DIR = "charts";

    /** Path relative to the output directory, with forward slashes (as a URL in report.html). */
    public String pngPath() {
        return DIR + "/" + baseName + ".png";
    }

    public String svgPath() {
        return DIR + "/" + baseName + ".svg";
    }
}
