#pragma once

#include <QtGlobal>

namespace Berth::Bench {

// Resident memory from /proc/<pid>/status (pid 0: this process), in MiB (-1 when unreadable).
struct Memory
{
    double rssMiB = -1; // VmRSS: resident now
    double hwmMiB = -1; // VmHWM: the peak resident size so far
};

Memory currentMemory(qint64 pid = 0);

} // namespace Berth::Bench
