package io.condenser.connectors.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Line protocol as Telegraf's cpu, mem, net, disk, diskio and system inputs write it (5 to 15
 * fields a line, Go's shortest float formatting, integers with {@code i}), for benchmarks and the
 * parity test. Deterministic for a seed.
 */
public final class TelegrafCorpus {

    private TelegrafCorpus() {}

    public static String lines(int hosts, int rounds, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        long ts = 1_700_000_000_000_000_000L;
        for (int round = 0; round < rounds; round++) {
            for (int h = 0; h < hosts; h++) {
                String host = "web" + h + ".example.com";
                for (String cpu : new String[] {"cpu0", "cpu1", "cpu-total"}) {
                    sb.append("cpu,cpu=").append(cpu).append(",host=").append(host).append(' ');
                    String[] f = {
                        "usage_user",
                        "usage_system",
                        "usage_idle",
                        "usage_nice",
                        "usage_iowait",
                        "usage_irq",
                        "usage_softirq",
                        "usage_steal",
                        "usage_guest",
                        "usage_guest_nice"
                    };
                    for (int i = 0; i < f.length; i++) {
                        sb.append(i == 0 ? "" : ",").append(f[i]).append('=');
                        sb.append(i < 3 ? r.nextDouble() * 100 : (double) r.nextInt(3));
                    }
                    sb.append(' ').append(ts).append('\n');
                }
                sb.append("mem,host=").append(host).append(' ');
                String[] mem = {
                    "active", "available", "buffered", "cached", "dirty", "free", "inactive",
                    "mapped", "shared", "slab", "total", "used", "swap_total", "swap_free"
                };
                for (int i = 0; i < mem.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(mem[i]).append('=');
                    sb.append(Math.abs(r.nextLong() % 17_179_869_184L)).append('i');
                }
                sb.append(",available_percent=").append(r.nextDouble() * 100);
                sb.append(' ').append(ts).append('\n');
                for (String nic : new String[] {"eth0", "lo"}) {
                    sb.append("net,host=").append(host).append(",interface=").append(nic);
                    sb.append(' ');
                    String[] net = {
                        "bytes_sent",
                        "bytes_recv",
                        "packets_sent",
                        "packets_recv",
                        "err_in",
                        "err_out",
                        "drop_in",
                        "drop_out"
                    };
                    for (int i = 0; i < net.length; i++) {
                        sb.append(i == 0 ? "" : ",").append(net[i]).append('=');
                        sb.append(Math.abs(r.nextLong() % 1_000_000_000_000L)).append('i');
                    }
                    sb.append(' ').append(ts).append('\n');
                }
                for (String[] d : new String[][] {{"sda1", "/"}, {"sdb1", "/var/lib/data"}}) {
                    sb.append("disk,device=").append(d[0]).append(",fstype=ext4,host=");
                    sb.append(host).append(",mode=rw,path=").append(d[1]).append(' ');
                    long total = 500_000_000_000L;
                    long used = Math.abs(r.nextLong() % total);
                    sb.append("total=").append(total).append("i,free=").append(total - used);
                    sb.append("i,used=").append(used).append("i,used_percent=");
                    sb.append(100.0 * used / total);
                    sb.append(",inodes_total=32768000i,inodes_free=").append(r.nextInt(32768000));
                    sb.append("i,inodes_used=").append(r.nextInt(100000)).append('i');
                    sb.append(' ').append(ts).append('\n');
                }
                sb.append("diskio,host=").append(host).append(",name=sda ");
                String[] io = {
                    "reads",
                    "writes",
                    "read_bytes",
                    "write_bytes",
                    "read_time",
                    "write_time",
                    "io_time",
                    "weighted_io_time",
                    "iops_in_progress",
                    "merged_reads",
                    "merged_writes"
                };
                for (int i = 0; i < io.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(io[i]).append('=');
                    sb.append(Math.abs(r.nextLong() % 10_000_000_000L)).append('i');
                }
                sb.append(' ').append(ts).append('\n');
                sb.append("system,host=").append(host).append(" load1=");
                sb.append(r.nextInt(400) / 100.0).append(",load5=").append(r.nextInt(400) / 100.0);
                sb.append(",load15=").append(r.nextInt(400) / 100.0);
                sb.append(",n_cpus=2i,n_users=").append(r.nextInt(5)).append("i ");
                sb.append(ts).append('\n');
            }
            ts += 10_000_000_000L;
        }
        return sb.toString();
    }

    public static byte[] bytes(int hosts, int rounds, long seed) {
        return lines(hosts, rounds, seed).getBytes(StandardCharsets.UTF_8);
    }
}
