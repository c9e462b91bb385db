package io.mountsim.scenarios.scenario;

import io.mountsim.models.calibration.HostProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The profile files shipped inside mountsim.jar: scenarios/profiles/*.yaml, copied by the
 * build (scenarios/pom.xml, resources) to {@value #RESOURCE_DIR}. A scenario names one as
 * {@code kernel.profile: builtin:NAME}, with no file beside it.
 */
public final class BuiltinProfiles {
    /** What a scenario writes before a built-in profile's name. */
    public static final String PREFIX = "builtin:";
    static final String RESOURCE_DIR = "/io/mountsim/profiles/";

    /**
     * The names, one per file of scenarios/profiles/ (a jar cannot list its own directory;
     * ShippedProfilesTest fails when this list and the directory differ).
     */
    public static final List<String> NAMES = List.of("dev-host", "dev-host-fit", "epyc-2core", "m7a.24xlarge",
            "m7a.metal-48xl", "m7i.metal-24xl", "m7i.metal-48xl", "r5.metal");

    private BuiltinProfiles() {
    }

    /** The profile file's text as the jar holds it, if NAME is a built-in profile. */
    static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltinProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in profile " + name + " is missing from the jar (" + RESOURCE_DIR
                        + "): a broken build");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in profile NAME, read and checked as a profile file is. */
    public static Optional<HostProfile> read(String name) {
        return text(name).map(t -> ProfileYaml.parse(t, PREFIX + name));
    }
}
