package io.mountsim.models.calibration;

/**
 * Where one number of a profile comes from: how it was obtained and from what (the probe
 * and its rows, the rule, the citation). An estimate says {@code [est]} in its source.
 */
public record Provenance(Method method, String source) {

    public enum Method {
        /** read off a probe row */
        MEASURED,
        /** computed from probe rows by a rule stated in the source */
        DERIVED,
        /** fitted to multi-thread throughput (CalibrationFit) */
        FITTED,
        /** not measured on this host: a documented default (the source says which) */
        DEFAULT,
        /** from a paper, a kernel source file or a vendor document */
        CITED;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Method> fromYaml(String s) {
            for (Method m : values()) {
                if (m.yamlName().equals(s)) {
                    return java.util.Optional.of(m);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public static Provenance measured(String source) {
        return new Provenance(Method.MEASURED, source);
    }

    public static Provenance derived(String source) {
        return new Provenance(Method.DERIVED, source);
    }

    public static Provenance fitted(String source) {
        return new Provenance(Method.FITTED, source);
    }

    public static Provenance byDefault(String source) {
        return new Provenance(Method.DEFAULT, source);
    }

    public static Provenance cited(String source) {
        return new Provenance(Method.CITED, source);
    }
}
