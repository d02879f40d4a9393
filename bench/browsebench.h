#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Berth {
class RegistryClient;
}

namespace Berth::Bench {

class StallProbe;

struct BrowseOptions
{
    int repoPageSize = 0; // 0: the model's default
    int tagPageSize = 0;
    QString bigRepository = QStringLiteral("big/repo");
    QString bulkFolder = QStringLiteral("bulk");
    QStringList filters;
    bool plainTree = false; // a QTreeView with Qt's defaults instead of the window's set-up
    int phaseTimeoutMs = 300000;
};

struct FilterFigure
{
    QString text;
    int rows = 0;
    double syncMs = 0;    // setFilterText() returned: the proxy holds the new rows
    double paintedMs = 0; // the table has painted them (-1: no paint came)
};

struct BrowseFigures
{
    bool ok = false;
    QString error;
    // 1. Expand the registry -> first repository rows inserted / painted.
    double firstRowsMs = 0;
    double firstPaintMs = 0;
    // Scrolling the tree to the bottom until every repository is in it.
    double allReposMs = 0;
    int repositories = 0;
    int repoPages = 0;
    int repoManualFetches = 0; // pages the bench had to ask for because the view did not
    int repoPaints = 0;        // tree paints while loading them
    // 2. Open the big repository -> first tag rows painted; scrolling until all are loaded.
    double firstTagsPaintMs = 0;
    double allTagsMs = 0;
    int tags = 0;
    int tagPages = 0;
    int tagManualFetches = 0;
    int tagPaints = 0; // table paints while loading them
    // 3. Filter latency over every tag.
    QString filterModel;
    QList<FilterFigure> filters;
};

// Drives the real views the way a user does: a QTreeView on RepositoryModel and a
// QTableView on TagModel behind a filter proxy, shown (offscreen), scrolled to the bottom
// whenever they are idle and more rows exist. Timestamps are taken in the models' signals
// and in the views' paint events, never by polling.
BrowseFigures runBrowse(RegistryClient *client, StallProbe *probe, const BrowseOptions &options);

} // namespace Berth::Bench
