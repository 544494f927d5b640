package io.parsevertx.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A server process's memory high-water marks, read from the process itself: the JVM tracks each
 * heap pool's peak use (attached through the Attach API and JMX, reset before each phase), and
 * Linux its peak resident set ({@code VmHWM}).
 */
final class HeapPeaks implements AutoCloseable {
  private final long pid;
  private final JMXConnector connector;
  private final List<MemoryPoolMXBean> heapPools;

  private HeapPeaks(long pid, JMXConnector connector, List<MemoryPoolMXBean> heapPools) {
    this.pid = pid;
    this.connector = connector;
    this.heapPools = heapPools;
  }

  static HeapPeaks attach(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MBeanServerConnection server = connector.getMBeanServerConnection();
    List<MemoryPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(server,
        MemoryPoolMXBean.class).stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    return new HeapPeaks(pid, connector, pools);
  }

  void reset() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks since {@link #reset()}, in bytes. */
  long heapPeak() {
    return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The process's peak resident set since it started, in bytes. */
  long residentPeak() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
