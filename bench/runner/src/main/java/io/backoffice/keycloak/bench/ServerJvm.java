package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Keycloak server's own JVM (the java child of kc.sh), read with the JDK's jcmd. */
final class ServerJvm {

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    private final long pid;

    private ServerJvm(long pid) {
        this.pid = pid;
    }

    /** The java process whose command line names this Keycloak home ({@code -Dkc.home.dir=...}). */
    static ServerJvm of(Path home) {
        String needle = home.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .findFirst()
                .map(p -> new ServerJvm(p.pid()))
                .orElseThrow(() -> new IllegalStateException("No Keycloak JVM found for " + needle));
    }

    long pid() {
        return pid;
    }

    /** {@code GC.heap_info}: heap capacity and use now (garbage included), metaspace, and the process's resident memory. */
    Map<String, Object> heap() {
        String info = jcmd("GC.heap_info");
        Map<String, Object> heap = new LinkedHashMap<>();
        Matcher m = HEAP.matcher(info);
        if (m.find()) {
            heap.put("heap_committed_mb", Long.parseLong(m.group(1)) / 1024);
            heap.put("heap_used_mb", Long.parseLong(m.group(2)) / 1024);
        }
        Matcher meta = METASPACE.matcher(info);
        if (meta.find()) {
            heap.put("metaspace_used_mb", Long.parseLong(meta.group(1)) / 1024);
        }
        heap.put("rss_mb", residentMegabytes());
        heap.put("jcmd_gc_heap_info", info.strip());
        return heap;
    }

    /** A full collection first ({@code GC.run}), so "used" is the live data: what the server really holds. */
    Map<String, Object> liveHeap() {
        jcmd("GC.run");
        return heap();
    }

    String maxHeap() {
        Matcher m = Pattern.compile("MaxHeapSize=(\\d+)").matcher(jcmd("VM.flags"));
        return m.find() ? (Long.parseLong(m.group(1)) / (1024 * 1024)) + " MB" : "?";
    }

    private long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: left out
        }
        return -1;
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd is needed (a JDK, not a JRE): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
