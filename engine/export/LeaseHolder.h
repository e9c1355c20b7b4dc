#pragma once

#include <QString>

namespace osc::leaseholder {

// Who holds an export job's lease, so that a restarted server can tell its own dead leases from live
// ones without waiting for them to expire (issue 21). The text is
// `<host>/<boot id>/<pid>/<process start>`: the start time (clock ticks after boot, /proc/<pid>/stat)
// tells a reused pid from the original, the boot id a process from before a reboot.
QString current();

// True only when the holder is provably gone: it ran on this host, and either the host rebooted since,
// or no process with its pid and start time exists. A holder on another host, one we cannot read, or
// text in an unknown shape is never gone: its lease runs out as before.
bool isProvablyGone(const QString &holder);

// The parts of current(), for tests that forge holders.
QString hostName(); // the host name and the pid namespace
QString bootId(); // empty where the system has none (then no holder is ever provably gone)
QString processStart(qint64 pid); // empty when no such process exists

} // namespace osc::leaseholder
