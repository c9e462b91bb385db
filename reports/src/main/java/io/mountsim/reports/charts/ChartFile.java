package io.mountsim.reports.charts;

/**
 * One chart written as {@code charts/<baseName>.png} and {@code charts/<baseName>.svg}.
 *
 * @param baseName file name without extension, e.g. {@code contention-startLatencyMsP95}
 * @param title    what the chart shows, for the page heading
 * @param caption  how to read it, one or two sentences for people
 */
public record ChartFile(String baseName, String title, String caption) {

    public static final String DIR = "charts";

    /** Path relative to the output directory, with forward slashes (as a URL in report.html). */
    public String pngPath() {
        return DIR + "/" + baseName + ".png";
    }

    public String svgPath() {
        return DIR + "/" + baseName + ".svg";
    }
}
