package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What was measured: the commit checked out and whether the tree differs from it. The run's own outputs
 * (bench/results.json, bench/RESULTS.md) are left out of the dirty check: a previous run rewrote them.
 */
record Source(String commit, boolean dirty, List<String> changedFiles) {

    static Source describe(Path root) {
        String commit = git(root, "rev-parse", "HEAD").strip();
        List<String> changed = new ArrayList<>();
        for (String line : git(root, "status", "--porcelain", "--untracked-files=normal").split("\n")) {
            String file = line.length() > 3 ? line.substring(3).strip() : "";
            if (!file.isEmpty() && !file.equals("bench/results.json") && !file.equals("bench/RESULTS.md")) {
                changed.add(file);
            }
        }
        return new Source(commit, !changed.isEmpty(), changed);
    }

    private static String git(Path root, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("git is needed to record the measured commit: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return commit + (dirty ? " (dirty: " + changedFiles + ")" : " (clean)");
    }
}
