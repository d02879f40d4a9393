#pragma once

#include "baselines.h"
#include "browsebench.h"
#include "memory.h"
#include "rawfetch.h"
#include "stallprobe.h"

#include <QJsonObject>
#include <QString>

namespace Berth::Bench {

// Everything one run measured, and how it is printed: a table for people, then one JSON
// line for scripts. Targets are judged here; a missed target never fails the run.
struct Report
{
    int repositories = 0;
    int tags = 0;
    QString emulatorMode;
    QString treeSetup;
    int repoPageSize = 0;
    int tagPageSize = 0;
    int cpus = 0;
    int latencyMs = 0; // each way, through berth-latency-proxy (0: direct)
    RawFetch::Outcome rawRepos;
    RawFetch::Outcome rawTags;
    ClientOutcome clientRepos;
    ClientOutcome clientTags;
    BrowseFigures browse;
    StallProbe::Stats stallFirstRows;
    StallProbe::Stats stallRepos;
    StallProbe::Stats stallTags;
    StallProbe::Stats stallFilter;
    PeerOutcome skopeo;
    PeerOutcome curl;
    Memory afterBrowse;
    Memory atEnd;
    Memory emulator; // the emulator process (not counted), when it runs as one

    static constexpr double FirstRowsTargetMs = 300;
    static constexpr double StallTargetMs = 50;
    static constexpr double MemoryTargetBytes = 200e6;
    // With --latency-ms, in round trips (issue 11): first tag rows painted after the
    // registry was connected, and all tags of the repository.
    static constexpr double FirstTagsTargetRtt = 2;
    static constexpr double AllTagsTargetRtt = 30;

    double loadingStallMs() const;
    bool firstRowsMet() const { return browse.firstPaintMs < FirstRowsTargetMs; }
    bool stallMet() const { return loadingStallMs() <= StallTargetMs; }
    bool memoryMet() const { return atEnd.hwmMiB * 1024 * 1024 < MemoryTargetBytes; }

    QString table() const;
    // The round-trip section of the table (empty without --latency-ms).
    QString roundTrips() const;
    QJsonObject json() const;
};

} // namespace Berth::Bench
