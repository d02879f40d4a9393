#include "report.h"

#include <QJsonArray>
#include <QTextStream>

#include <algorithm>

namespace Berth::Bench {

namespace {

QString ms(double value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 1) + QStringLiteral(" ms");
}

QString ratio(double berth, double floor)
{
    return floor > 0 ? QStringLiteral("x%1").arg(berth / floor, 0, 'f', 1) : QString();
}

QString verdict(bool met)
{
    return met ? QStringLiteral("PASS") : QStringLiteral("MISS");
}

struct Spread
{
    double min = 0;
    double median = 0;
    double max = 0;
};

Spread spread(QList<double> values)
{
    Spread s;
    if (values.isEmpty())
        return s;
    std::sort(values.begin(), values.end());
    s.min = values.first();
    s.max = values.last();
    const qsizetype mid = values.size() / 2;
    s.median = values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
    return s;
}

QList<double> filterTimes(const BrowseFigures &browse, bool painted)
{
    QList<double> values;
    for (const FilterFigure &f : browse.filters) {
        const double value = painted ? f.paintedMs : f.syncMs;
        if (value >= 0) // -1: the table had nothing new to paint
            values << value;
    }
    return values;
}

QJsonObject stallJson(const StallProbe::Stats &s)
{
    return {{QStringLiteral("max_ms"), s.maxStallMs},
            {QStringLiteral("over_16ms"), s.over16},
            {QStringLiteral("over_50ms"), s.over50},
            {QStringLiteral("ticks"), s.ticks}};
}

} // namespace

double Report::loadingStallMs() const
{
    return std::max({stallFirstRows.maxStallMs, stallRepos.maxStallMs, stallTags.maxStallMs});
}

QString Report::roundTrips() const
{
    if (latencyMs <= 0)
        return {};
    const double rtt = 2.0 * latencyMs;
    QString text;
    QTextStream out(&text);
    const auto line = [&](const QString &figure, double value, const QString &target) {
        out << qSetFieldWidth(34) << Qt::left << figure << qSetFieldWidth(12) << ms(value)
            << qSetFieldWidth(14) << QStringLiteral("%1 RTT").arg(value / rtt, 0, 'f', 1)
            << qSetFieldWidth(0) << target << '\n';
    };
    out << "\nround trips: " << latencyMs << " ms each way through berth-latency-proxy, RTT " << rtt
        << " ms (a new connection pays one more)\n";
    line(QStringLiteral("first repository rows painted"), browse.firstPaintMs,
         QStringLiteral("(a fresh client: its 401 and token included)"));
    const double firstTags = browse.firstTagsPaintMs / rtt;
    line(QStringLiteral("first tag rows painted"), browse.firstTagsPaintMs,
         QStringLiteral("<= %1 RTT: %2")
             .arg(FirstTagsTargetRtt)
             .arg(verdict(firstTags <= FirstTagsTargetRtt)));
    const double allTags = browse.allTagsMs / rtt;
    line(QStringLiteral("all %1 tags, %2 pages").arg(browse.tags).arg(browse.tagPages),
         browse.allTagsMs,
         QStringLiteral("<= %1 RTT: %2")
             .arg(AllTagsTargetRtt)
             .arg(verdict(allTags <= AllTagsTargetRtt)));
    line(QStringLiteral("  raw HTTP, the same pages"), rawTags.totalMs, {});
    line(QStringLiteral("  client only, the same pages"), clientTags.totalMs, {});
    line(QStringLiteral("all %1 repositories, %2 pages")
             .arg(browse.repositories)
             .arg(browse.repoPages),
         browse.allReposMs, {});
    return text;
}

QString Report::table() const
{
    QString text;
    QTextStream out(&text);
    const auto row = [&out](const QString &figure, const QString &berth, const QString &floor,
                            const QString &client, const QString &peer, const QString &target) {
        out << qSetFieldWidth(34) << Qt::left << figure << qSetFieldWidth(12) << berth
            << qSetFieldWidth(24) << floor << qSetFieldWidth(20) << client << qSetFieldWidth(24)
            << peer << qSetFieldWidth(0) << target << '\n';
    };
    out << "Berth browse benchmark: " << repositories << " repositories, big/repo with " << tags
        << " tags; emulator: " << emulatorMode << "; " << cpus << " CPUs\n"
        << "tree: " << treeSetup << "; pages of " << repoPageSize << " repositories and "
        << tagPageSize << " tags; filter proxy: " << browse.filterModel << "\n\n";
    row(QStringLiteral("figure"), QStringLiteral("Berth"), QStringLiteral("raw HTTP (ratio)"),
        QStringLiteral("client only"), QStringLiteral("peer"), QStringLiteral("target"));
    row(QStringLiteral("first repository rows painted"), ms(browse.firstPaintMs),
        ms(rawRepos.firstPageMs) + u' ' + ratio(browse.firstPaintMs, rawRepos.firstPageMs),
        ms(clientRepos.firstPageMs),
        curl.ran ? QStringLiteral("curl ") + ms(curl.ms) : QStringLiteral("-"),
        QStringLiteral("< 300 ms: ") + verdict(firstRowsMet()));
    row(QStringLiteral("  (rows inserted, before paint)"), ms(browse.firstRowsMs), {}, {}, {}, {});
    row(QStringLiteral("all %1 repositories, %2 pages")
            .arg(browse.repositories)
            .arg(browse.repoPages),
        ms(browse.allReposMs),
        ms(rawRepos.totalMs) + u' ' + ratio(browse.allReposMs, rawRepos.totalMs),
        ms(clientRepos.totalMs), QStringLiteral("-"), {});
    row(QStringLiteral("first tag rows painted"), ms(browse.firstTagsPaintMs), {}, {}, {}, {});
    row(QStringLiteral("all %1 tags, %2 pages").arg(browse.tags).arg(browse.tagPages),
        ms(browse.allTagsMs), ms(rawTags.totalMs) + u' ' + ratio(browse.allTagsMs, rawTags.totalMs),
        ms(clientTags.totalMs),
        skopeo.ran
            ? QStringLiteral("skopeo ") + ms(skopeo.ms) + u' ' + ratio(browse.allTagsMs, skopeo.ms)
            : QStringLiteral("-"),
        {});
    const Spread sync = spread(filterTimes(browse, false));
    const Spread painted = spread(filterTimes(browse, true));
    row(QStringLiteral("filter %1 rows: set -> proxy").arg(browse.tags),
        ms(sync.median) + QStringLiteral(" med"),
        QStringLiteral("min %1, max %2").arg(ms(sync.min), ms(sync.max)), {}, {}, {});
    row(QStringLiteral("filter: set -> painted"), ms(painted.median) + QStringLiteral(" med"),
        QStringLiteral("min %1, max %2").arg(ms(painted.min), ms(painted.max)), {}, {}, {});
    row(QStringLiteral("longest stall while loading"), ms(loadingStallMs()), {}, {}, {},
        QStringLiteral("<= 50 ms: ") + verdict(stallMet()));
    const auto stallRow = [&](const QString &name, const StallProbe::Stats &s) {
        row(QStringLiteral("  ") + name, ms(s.maxStallMs),
            QStringLiteral("%1 over 16 ms, %2 over 50").arg(s.over16).arg(s.over50), {}, {}, {});
    };
    stallRow(QStringLiteral("first rows"), stallFirstRows);
    stallRow(QStringLiteral("repositories"), stallRepos);
    stallRow(QStringLiteral("tags"), stallTags);
    stallRow(QStringLiteral("filtering (not loading)"), stallFilter);
    row(QStringLiteral("memory VmHWM (peak) / VmRSS end"),
        QStringLiteral("%1 MiB").arg(atEnd.hwmMiB, 0, 'f', 1),
        QStringLiteral("RSS %1 MiB").arg(atEnd.rssMiB, 0, 'f', 1), {}, {},
        QStringLiteral("< 200 MB: ") + verdict(memoryMet()));
    if (emulator.hwmMiB >= 0)
        out << "(the emulator process, not counted above: VmHWM "
            << QString::number(emulator.hwmMiB, 'f', 1) << " MiB)\n";
    out << roundTrips();
    out << "\nfilters (text: rows, set -> proxy, set -> painted):\n";
    for (const FilterFigure &f : browse.filters)
        out << "  \"" << f.text << "\": " << f.rows << " rows, " << ms(f.syncMs) << ", "
            << ms(f.paintedMs) << '\n';
    out << "paints while loading: tree " << browse.repoPaints << ", table " << browse.tagPaints
        << "; pages the bench asked for because the view did not: repositories "
        << browse.repoManualFetches << ", tags " << browse.tagManualFetches << '\n';
    if (skopeo.ran)
        out << "peer: " << skopeo.command << (skopeo.ok ? QString() : u" FAILED: " + skopeo.error)
            << " (" << skopeo.items << " tags, one unpaged request)\n";
    if (curl.ran)
        out << "peer: " << curl.command << (curl.ok ? QString() : u" FAILED: " + curl.error)
            << '\n';
    return text;
}

QJsonObject Report::json() const
{
    QJsonArray filters;
    for (const FilterFigure &f : browse.filters)
        filters.append(QJsonObject{{QStringLiteral("text"), f.text},
                                   {QStringLiteral("rows"), f.rows},
                                   {QStringLiteral("set_ms"), f.syncMs},
                                   {QStringLiteral("painted_ms"), f.paintedMs}});
    const Spread painted = spread(filterTimes(browse, true));
    return {
        {QStringLiteral("bench"), QStringLiteral("browse")},
        {QStringLiteral("repositories"), repositories},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("emulator"), emulatorMode},
        {QStringLiteral("tree"), treeSetup},
        {QStringLiteral("repository_page_size"), repoPageSize},
        {QStringLiteral("tag_page_size"), tagPageSize},
        {QStringLiteral("tree_paints"), browse.repoPaints},
        {QStringLiteral("table_paints"), browse.tagPaints},
        {QStringLiteral("cpus"), cpus},
        {QStringLiteral("latency_ms"), latencyMs},
        {QStringLiteral("first_rows_ms"), browse.firstPaintMs},
        {QStringLiteral("first_rows_inserted_ms"), browse.firstRowsMs},
        {QStringLiteral("all_repositories_ms"), browse.allReposMs},
        {QStringLiteral("repository_rows"), browse.repositories},
        {QStringLiteral("repository_pages"), browse.repoPages},
        {QStringLiteral("first_tags_ms"), browse.firstTagsPaintMs},
        {QStringLiteral("all_tags_ms"), browse.allTagsMs},
        {QStringLiteral("tag_rows"), browse.tags},
        {QStringLiteral("tag_pages"), browse.tagPages},
        {QStringLiteral("filter_painted_ms"),
         QJsonObject{{QStringLiteral("min"), painted.min},
                     {QStringLiteral("median"), painted.median},
                     {QStringLiteral("max"), painted.max}}},
        {QStringLiteral("filters"), filters},
        {QStringLiteral("stall_loading_ms"), loadingStallMs()},
        {QStringLiteral("stalls"),
         QJsonObject{{QStringLiteral("first_rows"), stallJson(stallFirstRows)},
                     {QStringLiteral("repositories"), stallJson(stallRepos)},
                     {QStringLiteral("tags"), stallJson(stallTags)},
                     {QStringLiteral("filter"), stallJson(stallFilter)}}},
        {QStringLiteral("vmhwm_mib"), atEnd.hwmMiB},
        {QStringLiteral("vmrss_mib"), atEnd.rssMiB},
        {QStringLiteral("vmhwm_after_browse_mib"), afterBrowse.hwmMiB},
        {QStringLiteral("emulator_vmhwm_mib"), emulator.hwmMiB},
        {QStringLiteral("raw_first_page_ms"), rawRepos.firstPageMs},
        {QStringLiteral("raw_all_repositories_ms"), rawRepos.totalMs},
        {QStringLiteral("raw_all_tags_ms"), rawTags.totalMs},
        {QStringLiteral("client_all_repositories_ms"), clientRepos.totalMs},
        {QStringLiteral("client_all_tags_ms"), clientTags.totalMs},
        {QStringLiteral("skopeo_list_tags_ms"), skopeo.ok ? skopeo.ms : -1},
        {QStringLiteral("curl_first_page_ms"), curl.ok ? curl.ms : -1},
        {QStringLiteral("targets"),
         QJsonObject{{QStringLiteral("first_rows_under_300ms"), firstRowsMet()},
                     {QStringLiteral("no_stall_over_50ms"), stallMet()},
                     {QStringLiteral("under_200MB"), memoryMet()}}},
    };
}

} // namespace Berth::Bench
