#include "browsebench.h"

#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "stallprobe.h"
#include "ui/tablesetup.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>

#include <algorithm>
#include <functional>

namespace Berth::Bench {

namespace {

// A view that reports each paint after it is done.
template<typename View>
class PaintedView : public View
{
public:
    using View::View;
    std::function<void()> painted;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        View::paintEvent(event);
        if (painted)
            painted();
    }
};

// Runs the event loop until `done` (or the timeout). `drive` runs after every batch of
// events: it plays the user. Deferred deletes are processed as in the window's own loop.
bool waitFor(const std::function<bool()> &done,
             int timeoutMs,
             const std::function<void()> &drive = {})
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        // The stall probe's 5 ms timer guarantees this returns regularly.
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (drive)
            drive();
    }
    return true;
}

// The tree as the window sets it up (ui/registrytree.cpp, RegistryTree), without its busy
// delegate and the detail requests it sends for visible rows.
void configureTree(QTreeView *view, RepositoryModel *model)
{
    view->setModel(model);
    view->setUniformRowHeights(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(RepositoryModel::Name, QHeaderView::Stretch);
    view->header()->setSectionResizeMode(RepositoryModel::Tags, QHeaderView::ResizeToContents);
    view->header()->setSectionResizeMode(RepositoryModel::Manifests, QHeaderView::ResizeToContents);
}

class Clock
{
public:
    Clock() { m_timer.start(); }
    double ms() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QElapsedTimer m_timer;
};

} // namespace

BrowseFigures runBrowse(RegistryClient *client, StallProbe *probe, const BrowseOptions &options)
{
    BrowseFigures figures;
    const Clock clock;
    // What the models' and views' callbacks record. Declared before the models and views so
    // that it outlives every connection to them.
    int treePaints = 0;
    int tablePaints = 0;
    double lastTreePaint = 0;
    double lastTablePaint = 0;
    double firstRowsAt = -1;
    double firstTagsAt = -1;
    QModelIndex bulkFolder;
    int repoLoads = 0;
    int tagLoads = 0;
    int manualFetches = 0; // pages the bench asked for because the view did not

    RepositoryModel repositories;
    if (options.repoPageSize > 0)
        repositories.setPageSize(options.repoPageSize);
    TagModel tags;
    if (options.tagPageSize > 0)
        tags.setPageSize(options.tagPageSize);
    TagFilterModel filter; // the window's proxy: filter box text over the tag name
    filter.setSourceModel(&tags);
    figures.filterModel = QStringLiteral("TagFilterModel");

    QSplitter window;
    auto *tree = new PaintedView<QTreeView>(&window);
    auto *table = new PaintedView<QTableView>(&window);
    if (options.plainTree)
        tree->setModel(&repositories);
    else
        configureTree(tree, &repositories);
    setUpItemTable(table, &filter, TagModel::WriteEnabled);
    window.setSizes({400, 880});
    window.resize(1280, 800);
    window.show();

    tree->painted = [&] {
        ++treePaints;
        lastTreePaint = clock.ms();
    };
    table->painted = [&] {
        ++tablePaints;
        lastTablePaint = clock.ms();
    };
    if (!waitFor([&] { return treePaints > 0 && tablePaints > 0; }, 10000)) {
        figures.error = QStringLiteral("the views never painted (is a QPA platform available?)");
        return figures;
    }

    // 1. First repositories: add the registry and expand it, as the window does.
    probe->setPhase(QStringLiteral("first-rows"));
    double t0 = clock.ms();
    const auto onRepoRows = [&](const QModelIndex &parent, int first, int last) {
        if (firstRowsAt < 0 && parent.isValid() && !parent.parent().isValid())
            firstRowsAt = clock.ms();
        for (int row = first; row <= last && !bulkFolder.isValid(); ++row) {
            const QModelIndex child = repositories.index(row, 0, parent);
            if (repositories.kind(child) == RepositoryModel::Kind::Folder
                && child.data().toString() == options.bulkFolder)
                bulkFolder = child;
        }
    };
    QObject::connect(&repositories, &QAbstractItemModel::rowsInserted, onRepoRows);
    QObject::connect(&repositories, &RepositoryModel::loadingChanged,
                     [&](const QModelIndex &, bool loading) { repoLoads += loading ? 1 : 0; });
    const QModelIndex registry = repositories.addRegistry(client, QStringLiteral("bench"));
    tree->expand(registry);
    // Scrolls to the bottom when idle; asks for the page itself when the view did not.
    const auto fetchIfIdle = [&](QAbstractItemModel *model, const QModelIndex &parent, bool loading,
                                 QAbstractItemView *view) {
        if (loading || !model->canFetchMore(parent))
            return;
        view->scrollToBottom(); // a user holding End
        if (model->canFetchMore(parent)) {
            ++manualFetches;
            model->fetchMore(parent);
        }
    };
    double paintedBefore = 0;
    if (!waitFor(
            [&] { return firstRowsAt >= 0 && lastTreePaint > firstRowsAt; }, options.phaseTimeoutMs,
            [&] {
                if (firstRowsAt < 0)
                    fetchIfIdle(&repositories, registry, repositories.isLoading(registry), tree);
            })) {
        figures.error = QStringLiteral("no repositories arrived: %1")
                            .arg(repositories.error(registry).value_or(RegistryError{}).message);
        return figures;
    }
    figures.firstRowsMs = firstRowsAt - t0;
    figures.firstPaintMs = lastTreePaint - t0;

    // Every repository: open the big folder and keep scrolling to the bottom.
    probe->setPhase(QStringLiteral("repositories"));
    const auto repositoriesDone = [&] {
        return !repositories.isLoading(registry) && !repositories.canFetchMore(registry);
    };
    const int treePaintsBefore = treePaints;
    bool expandedBulk = false;
    if (!waitFor(repositoriesDone, options.phaseTimeoutMs, [&] {
            if (bulkFolder.isValid() && !expandedBulk) {
                tree->expand(bulkFolder);
                expandedBulk = true;
            }
            fetchIfIdle(&repositories, registry, repositories.isLoading(registry), tree);
        })) {
        figures.error = QStringLiteral("repositories did not finish loading");
        return figures;
    }
    paintedBefore = lastTreePaint;
    waitFor([&] { return lastTreePaint > paintedBefore; }, 2000);
    figures.allReposMs = std::max(lastTreePaint, paintedBefore) - t0;
    figures.repoPages = repoLoads;
    figures.repoManualFetches = manualFetches;
    figures.repoPaints = treePaints - treePaintsBefore;
    figures.repositories = bulkFolder.isValid() ? repositories.rowCount(bulkFolder) : 0;
    if (const QModelIndex big = repositories.findRepository(registry, options.bigRepository);
        big.isValid())
        ++figures.repositories;

    // 2. Every tag: select the big repository and scroll the table to the bottom.
    probe->setPhase(QStringLiteral("tags"));
    manualFetches = 0;
    QObject::connect(&tags, &PagedTableModel::loadingChanged,
                     [&](bool loading) { tagLoads += loading ? 1 : 0; });
    QObject::connect(&tags, &QAbstractItemModel::rowsInserted, [&] {
        if (firstTagsAt < 0)
            firstTagsAt = clock.ms();
    });
    const int tablePaintsBefore = tablePaints;
    t0 = clock.ms();
    tags.setRepository(client, options.bigRepository);
    bool firstTagsPainted = false;
    if (!waitFor([&] { return tags.isComplete() && !tags.isLoading() && !tags.hasError(); },
                 options.phaseTimeoutMs,
                 [&] {
                     if (!firstTagsPainted && firstTagsAt >= 0 && lastTablePaint > firstTagsAt) {
                         firstTagsPainted = true;
                         figures.firstTagsPaintMs = lastTablePaint - t0;
                     }
                     fetchIfIdle(&tags, {}, tags.isLoading(), table);
                 })) {
        figures.error = QStringLiteral("tags did not finish loading: %1").arg(tags.error().message);
        return figures;
    }
    paintedBefore = lastTablePaint;
    waitFor([&] { return lastTablePaint > paintedBefore; }, 2000);
    figures.allTagsMs = std::max(lastTablePaint, paintedBefore) - t0;
    figures.tags = tags.rowCount();
    figures.tagPages = tagLoads;
    figures.tagManualFetches = manualFetches;
    figures.tagPaints = tablePaints - tablePaintsBefore;

    // 3. Filter latency: typing a filter into the box over the full list, from
    // setFilterText() to the proxy updated and the table painted. The list is unfiltered
    // again (not measured) before each one; the last one measures clearing a filter.
    probe->setPhase(QStringLiteral("filter"));
    const auto applyFilter = [&](const QString &text) {
        FilterFigure f;
        f.text = text;
        const int paints = tablePaints;
        const double start = clock.ms();
        filter.setFilterText(text);
        f.syncMs = clock.ms() - start;
        f.rows = filter.rowCount();
        f.paintedMs
            = waitFor([&] { return tablePaints > paints; }, 2000) ? lastTablePaint - start : -1;
        return f;
    };
    for (const QString &text : options.filters) {
        applyFilter({});
        figures.filters << applyFilter(text);
    }
    if (!options.filters.isEmpty()) {
        FilterFigure cleared = applyFilter({});
        cleared.text = QStringLiteral("(clear \"%1\")").arg(options.filters.last());
        figures.filters << cleared;
    }
    probe->setPhase(QStringLiteral("idle"));
    figures.ok = true;
    return figures;
}

} // namespace Berth::Bench
