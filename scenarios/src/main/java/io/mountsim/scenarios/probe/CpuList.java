package io.mountsim.scenarios.probe;

import java.util.ArrayList;
import java.util.List;

/** The kernel's CPU list syntax ("0-3,8,10-11", lib/bitmap.c bitmap_parselist()). */
final class CpuList {
    private CpuList() {
    }

    static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] range = part.split("-");
            if (range.length > 2 || !part.matches("\\d+(-\\d+)?")) {
                throw new IllegalArgumentException("not a CPU list: " + list);
            }
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }
}
